import type { Redis } from 'ioredis';

/**
 * Provider rate limits shared by every process through Redis: a send takes the next free slot of
 * its sender (Twilio long code: 1/s; Telegram: 30/s overall), so that waiting sends line up one
 * interval apart instead of all retrying at once; a per-recipient limit (Telegram: 1/s per chat)
 * is only checked, as waits for one chat are few. Redis's own clock keeps processes in step.
 */
const reserveSlot = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i = 2, #KEYS do
  local free = tonumber(redis.call('GET', KEYS[i]) or '0')
  if free > now then return -(free - now) end
end
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i])
  redis.call('SET', KEYS[i], slot + interval, 'PX', slot - now + interval + 1000)
end
return slot - now`;

/** A limit: at most one send per `intervalMs` under `key`. */
export interface Pace {
  key: string;
  intervalMs: number;
}

/** reserved: the send owns the slot `waitMs` from now; otherwise it should try again after `waitMs`. */
export type PaceResult = { reserved: boolean; waitMs: number };

export function pacer(redis: Redis, prefix: string): (sender: Pace, perRecipient?: Pace | null) => Promise<PaceResult> {
  return async (sender, perRecipient) => {
    const paces = [sender, ...(perRecipient ? [perRecipient] : [])];
    const result = Number(
      await redis.eval(reserveSlot, paces.length, ...paces.map((p) => `${prefix}:pace:${p.key}`), ...paces.map((p) => Math.ceil(p.intervalMs))),
    );
    return result < 0 ? { reserved: false, waitMs: -result } : { reserved: true, waitMs: result };
  };
}
