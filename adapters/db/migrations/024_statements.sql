-- Monthly statements (issue 20): on the first of each month, in the dealer's zone and window, each
-- dealer is sent the month before's movements on their ledger, once; they confirm it (OK, 确认) or
-- dispute it (DISPUTE …, 有误 …), and a dispute waits in the console's Needs attention with it.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'approval', 'alert', 'order-status', 'ticket', 'reminder', 'broadcast', 'statement', 'dunning', 'birthday'));

create table statements (
  dealer        text not null references dealers (code) on delete cascade,
  month         text not null check (month ~ '^\d{4}-\d{2}$'),
  currency      text not null,
  opening       numeric(14, 2) not null,
  invoiced      numeric(14, 2) not null,
  paid          numeric(14, 2) not null,
  credited      numeric(14, 2) not null,
  closing       numeric(14, 2) not null,
  created_at    timestamptz not null,
  -- who answered it, and how: confirmed, or disputed with their words (one answer stands)
  answered_by   text references people (id),
  answered_at   timestamptz,
  confirmed     boolean,
  dispute       text,
  primary key (dealer, month)
);
create index statements_disputed on statements (answered_at) where confirmed = false;
