-- A region's allocation of a SKU, shared by the dealers of that region.
alter table dealers add column region text;

create table region_allocations (
  region  text not null,
  sku     text not null references products (sku),
  quota   integer not null check (quota >= 0),
  since   date not null default '1970-01-01',
  primary key (region, sku)
);
