-- A message has its provider's id only once sent: the unique index keeps only the rows that have one.
-- Before, each row's pending and sending versions (a status change is never a HOT update) put a NULL in it.
alter table outbox drop constraint outbox_provider_id_key;
create unique index outbox_provider_id on outbox (provider_id) where provider_id is not null;
