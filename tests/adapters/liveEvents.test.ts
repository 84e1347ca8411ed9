import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import pino from 'pino';
import { redisLiveEvents, type LiveEvent } from '../../adapters/queue/liveEvents';
import { redisUrl } from '../support/gateway';

/** The console's live events on the real Redis: a turn's changes are one entry, read back in order and caught up after. */
describe('live events', () => {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const key = `${prefix}:console:events`;
  const live = redisLiveEvents(redis, prefix, pino({ level: 'silent' }), 5);
  afterAll(async () => {
    live.close();
    await redis.del(key);
    redis.disconnect();
  });

  test('what one turn publishes is one stream entry; a later turn’s is the next', async () => {
    const start = await live.latest();
    await Promise.all([live.publish([{ kind: 'in', id: '1' }]), live.publish([{ kind: 'in', id: '2' }]), live.publish([{ kind: 'out', id: '3' }])]);
    await live.publish([{ kind: 'handoff', id: 'P1' }]);
    expect(await redis.xlen(key)).toBe(2);
    const events = (await live.after(start, 10))!;
    expect(events.map((e) => e.change)).toEqual([
      { kind: 'in', id: '1' },
      { kind: 'in', id: '2' },
      { kind: 'out', id: '3' },
      { kind: 'handoff', id: 'P1' },
    ]);
    // the first three share their entry's id, the last has the next
    expect(new Set(events.slice(0, 3).map((e) => e.id)).size).toBe(1);
    expect(events[3]!.id).not.toBe(events[0]!.id);
    expect(await live.after(events[0]!.id, 10)).toEqual([events[3]]);
  });

  test('more entries after a view’s id than it may catch up on, or some trimmed away: null (the view resyncs)', async () => {
    const start = await live.latest();
    for (let i = 0; i < 3; i++) await live.publish([{ kind: 'in', id: `m${i}` }]);
    expect((await live.after(start, 3))!.map((e) => e.change.id)).toEqual(['m0', 'm1', 'm2']);
    expect(await live.after(start, 2)).toBeNull();
    // keep = 5: many more entries trim the oldest, and a view that had seen only those must resync
    for (let i = 0; i < 200; i++) await live.publish([{ kind: 'in', id: `n${i}` }]);
    expect(await live.after(start, 1000)).toBeNull();
  });

  test('an entry written one change at a time (before batching) still reads', async () => {
    const start = await live.latest();
    await redis.xadd(key, '*', 'c', JSON.stringify({ kind: 'out', id: '77' }));
    expect((await live.after(start, 10))!.map((e) => e.change)).toEqual([{ kind: 'out', id: '77' }]);
  });

  test('a subscriber gets a turn’s changes together, once', async () => {
    const batches: LiveEvent[][] = [];
    const unsubscribe = await live.subscribe((events) => batches.push(events));
    await Promise.all([live.publish([{ kind: 'in', id: 's1' }]), live.publish([{ kind: 'out', id: 's2' }])]);
    for (let i = 0; i < 50 && batches.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    unsubscribe();
    expect(batches.map((batch) => batch.map((e) => e.change.id))).toEqual([['s1', 's2']]);
  });
});
