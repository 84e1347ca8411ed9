-- Notices to the network (issue 19): a broadcast is previewed, then confirmed once; its recipients
-- are the preview's, frozen when it was made (each with the channel, address and language chosen),
-- and each is planned into the outbox once (dedupe key broadcast:<id>:<person>).
create table broadcasts (
  id            bigserial primary key,
  texts         jsonb not null,
  audience      jsonb not null,
  send_at       timestamptz,
  -- the operator who made it, and the person whose authority bounds the audience (null: an admin's, everyone)
  created_by    text,
  authority     text references people (id),
  status        text not null default 'previewed' check (status in ('previewed', 'confirmed', 'cancelled')),
  preview       jsonb not null,
  created_at    timestamptz not null,
  confirmed_at  timestamptz,
  cancelled_at  timestamptz
);

create table broadcast_recipients (
  broadcast   bigint not null references broadcasts (id) on delete cascade,
  -- no foreign key: the preview found these people a moment ago, and 100,000 checks cost a second
  person      text not null,
  channel     text not null,
  transport   text not null,
  address     text not null,
  language    text not null,
  not_before  timestamptz not null,
  primary key (broadcast, person)
);
create index outbox_reason on outbox (reason) where reason is not null;
