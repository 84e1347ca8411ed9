-- Promotions (issue 21): a code, its SKUs, the stores it runs in (named, or every store of a region),
-- its dates and the promoters assigned. Sell-out inside its stores, SKUs and dates belongs to it; the
-- report compares it with the same stores before and with the stores without it.
create table promotions (
  code      text primary key,
  name      text not null,
  from_day  date not null,
  to_day    date not null,
  check (to_day >= from_day)
);
create table promotion_skus (promotion text not null references promotions (code) on delete cascade, sku text not null references products (sku), primary key (promotion, sku));
create table promotion_stores (promotion text not null references promotions (code) on delete cascade, store text not null references stores (code), primary key (promotion, store));
create table promotion_regions (promotion text not null references promotions (code) on delete cascade, region text not null, primary key (promotion, region));
create table promotion_promoters (promotion text not null references promotions (code) on delete cascade, person text not null references people (id), primary key (promotion, person));
