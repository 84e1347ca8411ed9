-- Proactive messages (dunning, birthdays, alerts): every outbox row has a kind, which decides its
-- contact policy (quiet hours, priority under the daily cap); a scheduled message may wait for the
-- recipient's window (not_before), lapse (expires_at), be planned at most once (dedupe_key), and be
-- cancelled when what it is about has gone (reason: `invoice:INV-1`, `alert:12`).

alter table outbox drop constraint outbox_kind_check;
update outbox set kind = 'order-status' where kind = 'notification';
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'approval', 'alert', 'order-status', 'dunning', 'birthday'));

alter table outbox drop constraint outbox_status_check;
alter table outbox add constraint outbox_status_check
  check (status in ('pending', 'sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'));

alter table outbox add column not_before timestamptz;
alter table outbox add column expires_at timestamptz;
alter table outbox add column dedupe_key text unique;
alter table outbox add column reason text;
-- when the contact policy let the message go: what the daily cap and the cost report count
alter table outbox add column sent_at timestamptz;
-- when the release sweep put a due scheduled message on the queue (once; again only if it got stuck)
alter table outbox add column released_at timestamptz;

create index outbox_due on outbox (not_before) where status = 'pending' and not_before is not null;
create index outbox_person_sent on outbox (person, sent_at) where kind <> 'reply';
create index outbox_failed on outbox (id) where status = 'failed';

-- An alert (after the SDM early-warning design): its owner is told; unacknowledged by its deadline
-- it escalates one level up the owner's manager chain, each level told once. One open alert per
-- kind and subject: raising it again is a no-op until it is resolved.
create table alerts (
  id               bigserial primary key,
  kind             text not null,
  subject          text not null,
  owner            text not null references people (id),
  -- 0: the owner holds it; n: the n-th manager above the owner
  level            integer not null default 0,
  holder           text not null references people (id),
  -- null once the top of the chain holds it
  deadline         timestamptz,
  details          jsonb not null default '{}',
  raised_at        timestamptz not null,
  acknowledged_at  timestamptz,
  acknowledged_by  text references people (id),
  resolved_at      timestamptz
);
create unique index alerts_open on alerts (kind, subject) where resolved_at is null;
create index alerts_due on alerts (deadline) where acknowledged_at is null and resolved_at is null;
