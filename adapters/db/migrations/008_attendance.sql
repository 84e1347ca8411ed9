-- Promoters' attendance at their stores, and supervisors' store visits.

create table checkins (
  id            bigserial primary key,
  person        text not null references people (id),
  store         text not null references stores (code),
  opened_at     timestamptz not null,
  closed_at     timestamptz,
  -- out: the promoter checked out; midnight: it closed itself at local midnight
  close_reason  text check (close_reason in ('out', 'midnight')),
  lat           double precision,
  lon           double precision,
  -- metres from the store, when both positions are known
  distance_m    integer,
  -- farther from the store than CHECKIN_MAX_DISTANCE_M: for the supervisor to look at
  flagged       boolean not null default false,
  check ((closed_at is null) = (close_reason is null))
);
-- One open check-in per person at a time.
create unique index checkins_open on checkins (person) where closed_at is null;
create index checkins_person_opened on checkins (person, opened_at desc);

create table store_visits (
  id          bigserial primary key,
  person      text not null references people (id),
  store       text not null references stores (code),
  visited_at  timestamptz not null,
  score       integer check (score between 0 and 100),
  note        text
);
create index store_visits_store on store_visits (store, visited_at desc);
