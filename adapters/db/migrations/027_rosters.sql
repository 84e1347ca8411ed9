-- Rosters (issue 21): when each promoter is due, at which store; check-ins judged against them.
create table shifts (
  id        bigserial primary key,
  person    text not null references people (id) on delete cascade,
  store     text not null references stores (code),
  -- one date, or ISO weekdays (1 Monday … 7 Sunday) every week
  day       date,
  weekdays  smallint[] not null default '{}',
  -- minutes after local midnight in the store's zone; an end at or before the start is the next day's
  starts    smallint not null check (starts between 0 and 1440),
  ends      smallint not null check (ends between 0 and 1440),
  check ((day is null) <> (cardinality(weekdays) = 0))
);
create index shifts_person on shifts (person);

-- The shift a check-in belongs to, how late it came, or that it was at no rostered shift (accepted, flagged).
alter table checkins add column shift_start timestamptz;
alter table checkins add column shift_end timestamptz;
alter table checkins add column late_minutes integer;
alter table checkins add column off_roster boolean not null default false;
-- A rostered check-in left open closes itself at its shift's end (a night shift runs past midnight).
alter table checkins drop constraint checkins_close_reason_check;
alter table checkins add constraint checkins_close_reason_check check (close_reason in ('out', 'midnight', 'shift-end'));
