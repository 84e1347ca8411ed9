-- Stock on a store's shelves, as the ERP records it: what a promoter's STOCK shows, and the ceiling
-- a sell-out line is checked against. Sell-out reports do not change it; the next import does.
create table store_stock (
  store       text not null references stores (code),
  sku         text not null references products (sku),
  on_hand     integer not null check (on_hand >= 0),
  updated_at  timestamptz not null default now(),
  primary key (store, sku)
);
