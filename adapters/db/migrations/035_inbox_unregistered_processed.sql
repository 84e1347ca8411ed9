-- A message's person is set when it is processed: until then every message had an entry here, whoever
-- sent it. Only processed messages from nobody's addresses (Needs attention's unregistered senders) now.
drop index inbox_unregistered;
create index inbox_unregistered on inbox (received_at) where person is null and status <> 'received';
