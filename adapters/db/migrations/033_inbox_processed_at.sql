-- A message is waiting (received) exactly when it has no processed_at: both writers that move it on
-- set it. A batch's claim tests processed_at, which no partial index names, so it is found by its key.
alter table inbox add constraint inbox_processed_at check ((status = 'received') = (processed_at is null));
