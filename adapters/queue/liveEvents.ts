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
  /** Events after `id`, oldest first, at most `limit`; null when some were trimmed away (the view must resync). */
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
 * a view that reconnects reads what it missed with XRANGE. A gap the trimming made is reported by
 * the stream's max-deleted-entry-id (Redis 7), so the view knows to resync.
 */
export function redisLiveEvents(redis: Redis, prefix: string, logger: Logger, keep = 10_000): LiveEvents {
  const key = `${prefix}:console:events`;
  const listeners = new Set<(events: LiveEvent[]) => void>();
  /** the process's reader, once it knows the id it reads after */
  let reader: { connection: Redis; started: Promise<unknown> } | null = null;
  let closed = false;

  const parse = (entries: [string, string[]][]): LiveEvent[] => entries.map(([id, fields]) => ({ id, change: JSON.parse(fields[1]!) as LiveChange }));

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
    async publish(changes) {
      if (changes.length === 0) return;
      try {
        const batch = redis.pipeline();
        for (const change of changes) batch.xadd(key, 'MAXLEN', '~', keep, '*', 'c', JSON.stringify(change));
        await batch.exec();
      } catch (error) {
        logger.warn({ err: error, changes: changes.length }, 'publishing live events failed');
      }
    },
    latest,
    async after(id, limit) {
      const info = (await redis.xinfo('STREAM', key).catch(() => null)) as unknown[] | null;
      const deleted = info ? String(info[info.indexOf('max-deleted-entry-id') + 1] ?? '0-0') : '0-0';
      if (streamIdAfter(deleted, id)) return null;
      return parse((await redis.xrange(key, `(${id}`, '+', 'COUNT', limit)) as [string, string[]][]);
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
