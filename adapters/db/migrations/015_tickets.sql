-- After-sales service: service points (where technicians work, which stores or regions they
-- serve), and tickets filed by customers and dealers, assigned to a service point.

create table service_points (
  code     text primary key,
  name     text not null,
  lat      double precision,
  lon      double precision,
  regions  text[] not null default '{}',
  stores   text[] not null default '{}'
);
alter table people add column service_point text references service_points (code);

create sequence ticket_numbers start 88;
create table tickets (
  number           text primary key default nextval('ticket_numbers')::text,
  filed_by         text not null references people (id),
  dealer           text references dealers (code),
  sku              text not null references products (sku),
  serial           text,
  description      text not null,
  photo_file_id    text,
  priority         text not null default 'normal' check (priority in ('normal', 'urgent')),
  status           text not null default 'open' check (status in ('open', 'assigned', 'in_progress', 'resolved', 'closed', 'cancelled')),
  service_point    text references service_points (code),
  last_update      text,
  created_at       timestamptz not null,
  assigned_at      timestamptz,
  started_at       timestamptz,
  resolved_at      timestamptz,
  closed_at        timestamptz,
  updated_at       timestamptz not null
);
create index tickets_status on tickets (status);
create index tickets_filed_by on tickets (filed_by);

alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'approval', 'alert', 'order-status', 'ticket', 'reminder', 'dunning', 'birthday'));
