-- Incentive plans for promoters (and supervisors): a monthly base, allowances, commission rules
-- (kept as the validated JSON of the import), and who is on which plan from which month.

alter table products add column category text;

create table incentive_plans (
  code              text primary key,
  name              text not null,
  currency          text not null default 'CNY',
  base_pay          numeric(14, 2) not null check (base_pay >= 0),
  per_day_attended  numeric(14, 2) not null default 0 check (per_day_attended >= 0),
  per_store_visit   numeric(14, 2) not null default 0 check (per_store_visit >= 0),
  commissions       jsonb not null default '[]'
);

-- A person is on a plan from a month (YYYY-MM) until the month before their next assignment.
create table plan_assignments (
  person      text not null references people (id) on delete cascade,
  from_month  text not null check (from_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  plan        text not null references incentive_plans (code),
  primary key (person, from_month)
);
