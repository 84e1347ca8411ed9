-- Sends whose outcome is unknown (issue 17): the process died while sending, or the connection
-- dropped after the request went out. `unknown` waits to be settled with the provider (found there:
-- sent; not found after its listing delay: sent once more); `sending_since` is when the latest attempt
-- was claimed, the time the provider is asked from.
alter table outbox drop constraint outbox_status_check;
alter table outbox add constraint outbox_status_check
  check (status in ('pending', 'sending', 'unknown', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'));
alter table outbox add column sending_since timestamptz;
-- how an unknown outcome was settled (found at the provider; sent again, and why), kept once the send succeeds
alter table outbox add column settlement text;
create index outbox_unknown on outbox (sending_since) where status = 'unknown';
