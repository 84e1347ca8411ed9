-- Every worker looks for sends left in flight by a dead process every 10 seconds: without an index
-- that was a scan of the whole outbox (213 ms at a million rows). Few rows are sending at any time.
create index outbox_sending on outbox (updated_at) where status = 'sending';
