-- A dealer's allocation of a SKU: how many units they may order, counting every order placed since
-- `since` that was not rejected or cancelled. Keeps scarce stock from going to whoever asks first.
create table allocations (
  dealer  text not null references dealers (code) on delete cascade,
  sku     text not null references products (sku),
  quota   integer not null check (quota >= 0),
  since   date not null default '1970-01-01',
  primary key (dealer, sku)
);
