-- Orders placed by chat: who asked, why an order waits for approval, who decided, what it reserved;
-- and the dialogs that build them.

alter table orders add column requested_by text references people (id);
alter table orders add column approval_reason text;
alter table orders add column decided_by text references people (id);
alter table orders add column decided_at timestamptz;
alter table orders add column reject_reason text;

-- Numbers for orders placed here; imported orders keep the ERP's numbers.
create sequence order_numbers start 10001;

-- What an approved order holds of each warehouse's stock, to release it on cancellation.
create table order_reservations (
  order_number  text not null references orders (number) on delete cascade,
  warehouse     text not null,
  sku           text not null,
  qty           integer not null check (qty > 0),
  primary key (order_number, warehouse, sku),
  foreign key (warehouse, sku) references stock (warehouse, sku)
);

-- At most one open dialog per person; the version makes a replayed answer a no-op.
create table dialogs (
  person      text primary key references people (id) on delete cascade,
  kind        text not null,
  step        text not null,
  state       jsonb not null,
  version     integer not null default 1,
  expires_at  timestamptz not null,
  updated_at  timestamptz not null default now()
);
