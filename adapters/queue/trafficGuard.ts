import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { numberPrefix } from '../../domain/phone';
import type { TrafficGuard } from '../../domain/ports';

export interface TrafficLimits {
  /** messages a sender may have answered per minute before the rest wait (0: no limit) */
  perSenderPerMinute: number;
  /** the same text from the same sender this many times in 10 minutes, and the next ones are not answered (0: no limit) */
  repeatedText: number;
  /** replies to an unregistered number per hour, and to all unregistered numbers of one prefix (0: no limit) */
  unregisteredPerNumber: number;
  unregisteredPerPrefix: number;
}

const echoWindowSeconds = 600;
const noticeSpellSeconds = 600;

/** The traffic guard on Redis (rate-limiter-flexible, and counters with an expiry), shared by every worker. */
export function redisTrafficGuard(redis: Redis, prefix: string, limits: TrafficLimits): TrafficGuard {
  const pace =
    limits.perSenderPerMinute > 0
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:pace`, points: limits.perSenderPerMinute, duration: 60 })
      : null;
  const hourly = (name: string, points: number) =>
    points > 0 ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:${name}`, points, duration: 3600 }) : null;
  const perNumber = hourly('unregistered:number', limits.unregisteredPerNumber);
  const perPrefix = hourly('unregistered:prefix', limits.unregisteredPerPrefix);
  const takes = async (limiter: RateLimiterRedis | null, key: string): Promise<number> => {
    if (!limiter) return 0;
    try {
      await limiter.consume(key);
      return 0;
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return Math.max(1, refused.msBeforeNext);
      throw new Error('counting a sender’s messages', { cause: refused });
    }
  };
  return {
    async pace(address) {
      const waitMs = await takes(pace, address);
      if (waitMs === 0) return { waitMs, tell: false };
      // Told once a spell: the first message held back says so, the rest wait quietly.
      const tell = (await redis.set(`${prefix}:pace-told:${address}`, '1', 'EX', noticeSpellSeconds, 'NX')) === 'OK';
      return { waitMs, tell };
    },
    async echoing(address, text) {
      if (limits.repeatedText === 0) return false;
      const key = `${prefix}:echo:${createHash('sha1').update(`${address}\n${text.trim().toLowerCase()}`).digest('base64url')}`;
      // The window starts with the first of them (SET NX with its expiry, then INCR: any Redis version).
      const [, [, count]] = (await redis.multi().set(key, '0', 'EX', echoWindowSeconds, 'NX').incr(key).exec()) as [unknown, [null, number]];
      return count > limits.repeatedText;
    },
    async answerUnregistered(address) {
      // A number over its own cap spends nothing of its prefix's; a pumping run over many numbers of one prefix stays capped.
      if ((await takes(perNumber, address)) > 0) return false;
      return (await takes(perPrefix, numberPrefix(address))) === 0;
    },
  };
}
