import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { SignInLimits } from '../../domain/operators';

/**
 * Sign-in attempts counted in Redis (rate-limiter-flexible), so that every gateway process shares
 * them: per account (email) and per address. A success clears the account's count.
 */
export function redisSignInLimits(redis: Redis, prefix: string, limits: { perAccount: number; perAddress: number; windowSeconds: number }): SignInLimits {
  const account = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:signin:account`,
    points: limits.perAccount,
    duration: limits.windowSeconds,
  });
  const address = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}:signin:address`,
    points: limits.perAddress,
    duration: limits.windowSeconds,
  });
  const waitOf = async (limiter: RateLimiterRedis, key: string): Promise<number> => {
    try {
      await limiter.consume(key);
      return 0;
    } catch (refused) {
      if (refused instanceof RateLimiterRes) return refused.msBeforeNext;
      throw new Error('counting a sign-in attempt', { cause: refused });
    }
  };
  return {
    async consume(email, from) {
      const waits = await Promise.all([waitOf(account, email), from ? waitOf(address, from) : 0]);
      return Math.max(...waits);
    },
    async reset(email) {
      await account.delete(email);
    },
  };
}
