-- The console (issue 16): an operator holding a person's conversation, how each free text was
-- understood, and what the desk has handled in its Needs attention queue.

-- One operator holds a person's conversation at a time (the primary key): their messages go to the
-- operator, and the bot answers only STOP, START and HELP.
create table handoffs (
  person     text primary key references people (id),
  operator   bigint not null references operators (id),
  -- the conversation held: the person's address on one channel and its transport (a simulated conversation stays simulated)
  peer       text not null,
  channel    text not null check (channel in ('sms', 'telegram')),
  transport  text not null,
  since      timestamptz not null,
  -- the operator's last reply, or the take-over: the idle clock runs from here
  last_at    timestamptz not null
);
create index handoffs_last_at on handoffs (last_at);

-- What a free text was taken to mean: {outcome, intent, confidence, command}; null for a typed command.
alter table inbox add column reading jsonb;
create index inbox_not_understood on inbox (received_at) where reading ->> 'outcome' in ('unsure', 'not-allowed');
create index inbox_unregistered on inbox (received_at) where person is null;
create index outbox_failed_at on outbox (created_at) where status in ('failed', 'undelivered');

-- Needs attention items an operator marked handled (or resent): `in:<inbox id>`, `out:<outbox id>`.
create table attention_handled (
  item       text primary key,
  operator   bigint references operators (id),
  action     text not null check (action in ('handled', 'resent', 'taken-over')),
  at         timestamptz not null
);

-- A hand-back after HANDOFF_IDLE_MINUTES is the system's write.
alter table audit_log drop constraint audit_log_actor_kind_check;
alter table audit_log add constraint audit_log_actor_kind_check check (actor_kind in ('bootstrap', 'session', 'token', 'anonymous', 'system'));
