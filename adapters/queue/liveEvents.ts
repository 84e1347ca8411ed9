import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * What the console shows live changed: a message in or out (new, or its status moved), who
 * holds a person's conversation, or a work view's row (a vehicle, a ticket, an alert, an order, a broadcast confirmed). The event names the row; each view reads and renders it itself.
 */
export type LiveChange =
  { kind: 'in' | 'out'; id: string } | { kind: 'handoff'; id: string } | { kind: 'vehicle' | 'ticket' | 'alert' | 'order' | 'broadcast'; id: string };

/** A change with its stream id: the SSE event id a reconnecting view resumes after (Last-Event-ID). */
export interface LiveEvent {
  id: string;
  change: LiveChange;
}

export interface LiveEvents {
  /** Tells every gateway process; never fails the write it follows (a lost event is a view that resyncs, not a lost message). */
  publish(changes: readonly LiveChange[]): Promise<void>;
  /** The newest event's id ('0-0' for none): a page rendered now follows events after it. */
  latest(): Promise<string>;
  /** Events after `id`, oldest first, from at most `limit` publications; null when some were trimmed away or more follow (the view must resync). */
  after(id: string, limit: number): Promise<LiveEvent[] | null>;
  /**
   * Each batch of new events, in order, from any process, until unsubscribed. Resolves once the
   * process's reader knows where it starts: an `after` asked then misses nothing between the two.
   */
  subscribe(listener: (events: LiveEvent[]) => void): Promise<() => void>;
  close(): void;
}

/** A stream id's order: `ms-seq`, compared as numbers. */
export function streamIdAfter(a: string, b: string): boolean {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am > bm || (am === bm && (as ?? 0n) > (bs ?? 0n));
}

export const isStreamId = (id: string): boolean => /^\d{1,20}-\d{1,20}$/.test(id);

/**
 * Live events in one Redis stream (XADD, trimmed to about `keep` entries), shared by every gateway
 * process: one blocking reader per process fans new events out to its open views (XREAD BLOCK), and
 * a view that reconnects reads what it missed with XRANGE. A gap trimming or deleting made is seen
 * from the stream's first entry and counters (XINFO STREAM, Redis 7), so the view knows to resync. What a process publishes
 * in one event-loop turn is one entry (its changes share the entry's id and always travel together):
 * one XADD for a batch of webhooks or replies, not one per message.
 */
export function redisLiveEvents(redis: Redis, prefix: string, logger: Logger, keep = 10_000): LiveEvents {
  const key = `${prefix}:console:events`;
  const listeners = new Set<(events: LiveEvent[]) => void>();
  /** the process's reader, once it knows the id it reads after */
  let reader: { connection: Redis; started: Promise<unknown> } | null = null;
  let closed = false;

  // An entry holds a turn's changes (an entry written before they were batched holds one).
  const parse = (entries: [string, string[]][]): LiveEvent[] =>
    entries.flatMap(([id, fields]) => {
      const changes = JSON.parse(fields[1]!) as LiveChange | LiveChange[];
      return (Array.isArray(changes) ? changes : [changes]).map((change) => ({ id, change }));
    });
  let pending: LiveChange[] = [];
  let flushing: Promise<void> | null = null;
  const flush = async (): Promise<void> => {
    const changes = pending;
    pending = [];
    flushing = null;
    try {
      await redis.xadd(key, 'MAXLEN', '~', keep, '*', 'c', JSON.stringify(changes));
    } catch (error) {
      logger.warn({ err: error, changes: changes.length }, 'publishing live events failed');
    }
  };

  async function follow(connection: Redis, from: string): Promise<void> {
    let last = from;
    while (!closed && listeners.size > 0) {
      try {
        const read = (await connection.xread('COUNT', 500, 'BLOCK', 5000, 'STREAMS', key, last)) as [string, [string, string[]][]][] | null;
        const events = read ? parse(read[0]![1]) : [];
        if (events.length === 0) continue;
        last = events[events.length - 1]!.id;
        for (const listener of listeners) listener(events);
      } catch (error) {
        if (closed) return;
        logger.warn({ err: error }, 'reading live events failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    connection.disconnect();
    if (reader?.connection === connection) reader = null;
  }

  const latest = async (): Promise<string> => {
    const [newest] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return newest?.[0] ?? '0-0';
  };

  return {
    publish(changes) {
      if (changes.length === 0) return Promise.resolve();
      pending.push(...changes);
      return (flushing ??= new Promise<void>((resolve) => setImmediate(() => resolve(flush()))));
    },
    latest,
    async after(id, limit) {
      const info = (await redis.xinfo('STREAM', key).catch(() => null)) as unknown[] | null;
      const field = (name: string) => (info && info.includes(name) ? info[info.indexOf(name) + 1] : null);
      // Deleted (XDEL) after the view's id; or trimmed: the view's id is older than the first entry
      // left and entries were removed (MAXLEN trimming leaves max-deleted-entry-id at 0-0 on Redis 7.0).
      const deleted = String(field('max-deleted-entry-id') ?? '0-0');
      const first = (field('first-entry') as [string, string[]] | null)?.[0];
      const trimmed = Number(field('entries-added') ?? 0) > Number(field('length') ?? 0);
      if (streamIdAfter(deleted, id) || (trimmed && first && streamIdAfter(first, id))) return null;
      const entries = (await redis.xrange(key, `(${id}`, '+', 'COUNT', limit + 1)) as [string, string[]][];
      return entries.length > limit ? null : parse(entries);
    },
    async subscribe(listener) {
      listeners.add(listener);
      if (!reader && !closed) {
        const connection = redis.duplicate({ enableAutoPipelining: false });
        const started = latest().catch(() => '$');
        reader = { connection, started };
        void started.then((from) => follow(connection, from));
      }
      await reader?.started;
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      reader?.connection.disconnect();
    },
  };
}
