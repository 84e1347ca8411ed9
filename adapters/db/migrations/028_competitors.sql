-- Competitor sightings (issue 21): the brands and models promoters see on the shop floor, mapped to our
-- SKU or category, and each price a promoter or supervisor reported, flagged when far from the model's
-- recent median.
create table competitor_brands (
  code     text primary key,
  name     text not null,
  name_zh  text,
  -- other names the brand goes by, in either language (`美的`, `Midea`)
  aliases  text[] not null default '{}'
);

create table competitor_models (
  brand     text not null references competitor_brands (code) on delete cascade,
  model     text not null,
  -- what it competes with: one of our SKUs, or a category of them
  sku       text references products (sku),
  category  text,
  primary key (brand, model)
);

create table competitor_sightings (
  id        bigserial primary key,
  brand     text not null,
  model     text not null,
  store     text not null references stores (code),
  person    text not null references people (id),
  price     numeric(14, 2) not null check (price > 0),
  currency  text not null,
  qty       integer check (qty > 0),
  seen_at   timestamptz not null,
  -- the model's median price over the 30 days before, when the sighting was far from it
  flagged   boolean not null default false,
  median    numeric(14, 2),
  foreign key (brand, model) references competitor_models (brand, model) on delete cascade
);
create index competitor_sightings_model on competitor_sightings (brand, model, seen_at desc);
create index competitor_sightings_seen on competitor_sightings (seen_at);
