import DataLoader from 'dataloader';

/**
 * Group commit for concurrent callers: the calls made in one event-loop turn run as one statement
 * (DataLoader, flushed on setImmediate). Each caller gets its own result, or the batch's error.
 */
export function turnBatcher<Key, Value>(load: (keys: readonly Key[]) => Promise<Value[]>, maxBatchSize = 500): (key: Key) => Promise<Value> {
  const loader = new DataLoader<Key, Value>((keys) => load(keys), { cache: false, maxBatchSize, batchScheduleFn: (flush) => setImmediate(flush) });
  return (key) => loader.load(key);
}
