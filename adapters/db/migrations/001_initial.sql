-- The system of record: master data from the ERP import, the orders and invoices behind the
-- commands, and the message log (inbox, outbox, opt-outs). Same schema on PostgreSQL and PGlite.

create table products (
  sku           text primary key,
  name          text not null,
  name_zh       text,
  unit          text not null default 'pcs',
  list_price    numeric(14, 2) not null check (list_price >= 0),
  currency      text not null default 'CNY',
  safety_stock  integer not null default 0 check (safety_stock >= 0),
  updated_at    timestamptz not null default now()
);
-- SKU codes are matched case-insensitively.
create unique index products_sku_upper on products (upper(sku));

create table warehouses (
  code      text primary key,
  name      text not null,
  timezone  text
);
create unique index warehouses_code_upper on warehouses (upper(code));

create table stock (
  warehouse  text not null references warehouses (code),
  sku        text not null references products (sku),
  on_hand    integer not null check (on_hand >= 0),
  reserved   integer not null default 0 check (reserved >= 0),
  updated_at timestamptz not null default now(),
  primary key (warehouse, sku)
);
create index stock_sku on stock (sku);

create table dealers (
  code                text primary key,
  name                text not null,
  tier                text,
  credit_limit        numeric(14, 2) not null check (credit_limit >= 0),
  balance             numeric(14, 2) not null default 0,
  payment_terms_days  integer not null default 30,
  updated_at          timestamptz not null default now()
);

-- A dealer's contract price per SKU; without one the dealer pays the list price.
create table dealer_prices (
  dealer  text not null references dealers (code) on delete cascade,
  sku     text not null references products (sku),
  price   numeric(14, 2) not null check (price >= 0),
  primary key (dealer, sku)
);

create table stores (
  code      text primary key,
  name      text not null,
  dealer    text references dealers (code),
  lat       double precision,
  lon       double precision,
  timezone  text
);

create table people (
  id           text primary key,
  name         text not null,
  role         text not null check (role in ('promoter', 'dealer', 'driver', 'customer', 'supervisor', 'manager', 'technician', 'admin')),
  phone        text unique,
  telegram_id  text unique,
  language     text check (language in ('en', 'zh')),
  timezone     text,
  dealer       text references dealers (code),
  birthday     text,
  manager      text references people (id),
  updated_at   timestamptz not null default now()
);

create table person_stores (
  person  text not null references people (id) on delete cascade,
  store   text not null references stores (code),
  primary key (person, store)
);

create table orders (
  number      text primary key,
  dealer      text not null references dealers (code),
  status      text not null check (status in ('draft', 'pending_approval', 'approved', 'shipped', 'delivered', 'rejected', 'cancelled')),
  driver      text references people (id),
  eta         timestamptz,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index orders_dealer_status on orders (dealer, status);
create index orders_driver on orders (driver) where driver is not null;

create table order_lines (
  order_number  text not null references orders (number) on delete cascade,
  line_no       integer not null,
  sku           text not null references products (sku),
  qty           integer not null check (qty > 0),
  price         numeric(14, 2) not null check (price >= 0),
  primary key (order_number, line_no)
);

create table invoices (
  number       text primary key,
  dealer       text references dealers (code),
  person       text references people (id),
  amount       numeric(14, 2) not null check (amount >= 0),
  currency     text not null default 'CNY',
  due_date     date not null,
  paid_amount  numeric(14, 2) not null default 0 check (paid_amount >= 0),
  updated_at   timestamptz not null default now(),
  check (dealer is not null or person is not null)
);

-- Every message that reached us, once: a provider's retry of the same id is a no-op.
create table inbox (
  id            bigserial primary key,
  channel       text not null check (channel in ('sms', 'telegram')),
  transport     text not null check (transport in ('twilio', 'telegram', 'simulator')),
  external_id   text not null,
  sender        text not null,
  recipient     text,
  body          text not null,
  person        text references people (id) on delete set null,
  status        text not null default 'received' check (status in ('received', 'processed', 'failed')),
  received_at   timestamptz not null default now(),
  processed_at  timestamptz,
  unique (transport, external_id)
);
create index inbox_sender on inbox (sender, id desc);
create index inbox_unprocessed on inbox (id) where status = 'received';

-- Every message we decided to send, written in the transaction that decided it.
create table outbox (
  id             bigserial primary key,
  channel        text not null check (channel in ('sms', 'telegram')),
  transport      text not null check (transport in ('twilio', 'telegram', 'simulator')),
  recipient      text not null,
  body           text not null,
  kind           text not null default 'reply' check (kind in ('reply', 'notification')),
  person         text references people (id) on delete set null,
  in_reply_to    bigint references inbox (id),
  status         text not null default 'pending'
                 check (status in ('pending', 'sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed')),
  provider_id    text unique,
  segments       integer,
  encoding       text check (encoding in ('GSM-7', 'UCS-2')),
  error_code     text,
  error_message  text,
  attempts       integer not null default 0,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index outbox_recipient on outbox (recipient, id desc);
create index outbox_in_reply_to on outbox (in_reply_to);
create index outbox_pending on outbox (id) where status = 'pending';

-- STOP on a channel silences proactive messages to that address there until START.
create table contact_opt_outs (
  channel        text not null,
  address        text not null,
  reason         text not null,
  opted_out_at   timestamptz not null default now(),
  primary key (channel, address)
);
