-- One row naming this database. Its queues are prefixed with it, so that two databases sharing a
-- Redis (a reset embedded database, a second installation) never take each other's jobs.
create table installation (
  id          text primary key default gen_random_uuid()::text,
  created_at  timestamptz not null default now()
);
insert into installation default values;
