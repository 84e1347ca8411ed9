import type { Redis } from 'ioredis';

/**
 * WeChat's 48-hour window (issue 22): customer-service messages reach a user only within 48 hours
 * of their last message or event to the account. Each process notes a user's last message in Redis
 * (a key that expires with the window), so whichever process sends knows whether the window is open.
 */
export interface WechatWindow {
  heard(openId: string, at: Date): Promise<void>;
  isOpen(openId: string): Promise<boolean>;
}

export const windowMs = 48 * 3600_000;

const laterWins = `local heard = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > heard then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end`;

export function wechatWindow(redis: Redis, prefix: string, now: () => number = Date.now): WechatWindow {
  const key = (openId: string) => `${prefix}wechat:heard:${openId}`;
  return {
    async heard(openId, at) {
      const left = at.getTime() + windowMs - now();
      // A late retry of an older message never shortens the window a newer one opened.
      if (left > 0) await redis.eval(laterWins, 1, key(openId), String(at.getTime()), String(left));
    },
    async isOpen(openId) {
      const at = await redis.get(key(openId));
      return at !== null && Number(at) + windowMs > now();
    },
  };
}
