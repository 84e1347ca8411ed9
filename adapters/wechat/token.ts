import type { Redis } from 'ioredis';

/**
 * WeChat's access token (issue 22): fetched from `GET /cgi-bin/token` with the AppID and secret,
 * cached in Redis for every gateway process (WeChat allows a few thousand fetches a day, and each one
 * invalidates the token before it), refreshed five minutes before it expires by whichever process
 * takes the refresh lock first while the others wait for its result; dropped and fetched again once
 * when a call says it is invalid (40001, 40014, 42001).
 */
export interface WechatTokenOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com, or a test server's */
  apiRoot: string;
  redis: Redis;
  prefix: string;
  now?: () => number;
}

export interface WechatTokens {
  get(): Promise<string>;
  /** Runs a call with the token; a token WeChat calls invalid is dropped and the call made once more with a fresh one. */
  call<T extends { errcode?: number }>(request: (token: string) => Promise<T>): Promise<T>;
}

export const invalidTokenCodes: readonly number[] = [40001, 40014, 42001];
const refreshBeforeMs = 5 * 60_000;
const lockMs = 10_000;

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`);
  }
}

export function wechatTokens(options: WechatTokenOptions): WechatTokens {
  const { redis, appId } = options;
  const now = options.now ?? Date.now;
  const key = `${options.prefix}wechat:token:${appId}`;
  const lock = `${key}:lock`;

  const cached = async (): Promise<{ token: string; expiresAt: number } | null> => {
    const raw = await redis.get(key);
    return raw ? (JSON.parse(raw) as { token: string; expiresAt: number }) : null;
  };

  async function fetchToken(): Promise<string> {
    const url = `${options.apiRoot}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(options.appSecret)}`;
    const response = await fetch(url);
    const body = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (!body.access_token || !body.expires_in) throw new WechatApiError(body.errcode ?? response.status, body.errmsg ?? 'no access_token');
    const expiresAt = now() + body.expires_in * 1000;
    await redis.set(key, JSON.stringify({ token: body.access_token, expiresAt }), 'PX', body.expires_in * 1000);
    return body.access_token;
  }

  async function get(): Promise<string> {
    for (let waited = 0; ; waited += 50) {
      const current = await cached();
      if (current && current.expiresAt - refreshBeforeMs > now()) return current.token;
      if (await redis.set(lock, '1', 'PX', lockMs, 'NX')) {
        try {
          return await fetchToken();
        } finally {
          await redis.del(lock);
        }
      }
      // Another process refreshes it: its token, once there (an expiring one still works meanwhile).
      if (current && current.expiresAt > now() && waited >= 1000) return current.token;
      if (waited >= lockMs) throw new Error('WeChat access token: the refresh by another process did not finish');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function drop(token: string): Promise<void> {
    const current = await cached();
    if (current?.token === token) await redis.del(key);
  }

  return {
    get,
    async call(request) {
      const token = await get();
      const result = await request(token);
      if (result.errcode === undefined || !invalidTokenCodes.includes(result.errcode)) return result;
      await drop(token);
      return request(await get());
    },
  };
}
