-- Notices to the network (issue 19): `broadcast` is a proactive kind of its own, after the
-- operational notices and before dunning under the daily cap.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
  check (kind in ('reply', 'approval', 'alert', 'order-status', 'ticket', 'reminder', 'broadcast', 'dunning', 'birthday'));
