-- Promoters' reminders (a missed check-in, a missing sell-out report) are a kind of their own.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'approval', 'alert', 'order-status', 'reminder', 'dunning', 'birthday'));
