-- Drivers' position pings, and each driver's vehicle where its latest ping put it. A late ping
-- (an older device time) is kept but never moves the vehicle backwards.
create table pings (
  id           bigserial primary key,
  driver       text not null references people (id),
  lat          double precision not null,
  lon          double precision not null,
  accuracy_m   real,
  speed_kmh    real,
  -- the device's time when the form carries one, else when it reached us
  reported_at  timestamptz not null,
  received_at  timestamptz not null,
  form         text not null,
  inbox_id     bigint references inbox (id)
);
create index pings_driver_reported on pings (driver, reported_at desc);

create table vehicle_positions (
  driver       text primary key references people (id),
  lat          double precision not null,
  lon          double precision not null,
  reported_at  timestamptz not null,
  received_at  timestamptz not null,
  -- Telegram live location: shared until this instant (null: not live)
  live_until   timestamptz
);
