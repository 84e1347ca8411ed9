-- Deliveries: a shipped order's stops (a dealer's or a store's location) in the order the driver
-- visits them; arrival is detected from pings, done is the driver's DONE.
alter table dealers add column lat double precision;
alter table dealers add column lon double precision;

create table delivery_stops (
  order_number  text not null references orders (number) on delete cascade,
  seq           integer not null,
  place         text not null,
  name          text not null,
  lat           double precision not null,
  lon           double precision not null,
  arrived_at    timestamptz,
  done_at       timestamptz,
  primary key (order_number, seq)
);
