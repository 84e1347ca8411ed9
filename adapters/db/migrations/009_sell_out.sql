-- Promoters' daily sell-out reports: one current report per store and day (a second replaces the
-- first, which is kept), valued at list price, with the lines that look like outliers flagged.

create table sell_out_reports (
  id            bigserial primary key,
  person        text not null references people (id),
  store         text not null references stores (code),
  day           date not null,
  submitted_at  timestamptz not null,
  -- a later report for the same store and day took its place
  replaced_at   timestamptz,
  -- lines flagged for review: [{ sku, qty, reason, usual }]
  flags         jsonb not null default '[]',
  accepted_at   timestamptz,
  accepted_by   text references people (id)
);
create unique index sell_out_current on sell_out_reports (store, day) where replaced_at is null;
create index sell_out_person_day on sell_out_reports (person, day) where replaced_at is null;

create table sell_out_lines (
  report      bigint not null references sell_out_reports (id) on delete cascade,
  sku         text not null references products (sku),
  qty         integer not null check (qty > 0),
  unit_price  numeric(14, 2) not null check (unit_price >= 0),
  primary key (report, sku)
);
