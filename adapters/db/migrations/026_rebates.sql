-- Rebates (issue 20): policies from the import give dealers a share of the value delivered to them
-- over a month or a quarter (fixed or tiered by volume, as commissions are); at the period's close
-- the accrued rebate becomes an application to the dealer's manager, and an approved one is credited
-- by a ledger entry (kind 'rebate', reference the application's number).
create table rebate_policies (
  code        text primary key,
  name        text not null,
  dealer      text references dealers (code) on delete cascade,
  tier        text,
  period      text not null check (period in ('month', 'quarter')),
  currency    text not null,
  rules       jsonb not null,
  from_month  text check (from_month ~ '^\d{4}-\d{2}$'),
  check ((dealer is null) <> (tier is null))
);

create sequence rebate_numbers start 1;

create table rebates (
  number         text primary key,
  dealer         text not null references dealers (code),
  policy         text not null references rebate_policies (code),
  period         text not null,
  amount         numeric(14, 2) not null check (amount > 0),
  currency       text not null,
  status         text not null check (status in ('pending_approval', 'approved', 'rejected')),
  -- the dealer's person it is applied for (whose manager chain decides), and the manager asked
  person         text references people (id),
  approver       text references people (id),
  decided_by     text references people (id),
  decided_at     timestamptz,
  reject_reason  text,
  created_at     timestamptz not null,
  unique (dealer, policy, period)
);
