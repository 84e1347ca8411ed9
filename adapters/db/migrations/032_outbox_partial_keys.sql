-- Replies carry no dedupe key and proactive messages answer no message: the two indexes keep only the
-- rows that have one. Every version of an outbox row (planned or written, claimed, sent: three, as a
-- status change is never a HOT update) had put its NULL into both.
alter table outbox drop constraint outbox_dedupe_key_key;
create unique index outbox_dedupe_key on outbox (dedupe_key) where dedupe_key is not null;
drop index outbox_in_reply_to;
create index outbox_in_reply_to on outbox (in_reply_to) where in_reply_to is not null;
