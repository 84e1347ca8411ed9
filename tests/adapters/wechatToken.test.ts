import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { WechatApiError, wechatTokens } from '../../adapters/wechat/token';
import { redisUrl } from '../support/gateway';
import { FakeWechat } from '../support/wechatFake';

/** The access token against a fake WeChat API and the real Redis: shared by processes, refreshed ahead, refetched once when invalid. */
describe('WeChat access token', () => {
  const wechat = new FakeWechat();
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  let apiRoot: string;
  let clock = 1_800_000_000_000;
  const tokens = (prefix: string, appSecret = 'secret') => wechatTokens({ appId: 'wxtest', appSecret, apiRoot, redis, prefix, now: () => clock });
  const send = (token: string) =>
    fetch(`${apiRoot}/cgi-bin/message/custom/send?access_token=${token}`, { method: 'POST', body: JSON.stringify({ touser: 'oUser', msgtype: 'text' }) }).then(
      (r) => r.json() as Promise<{ errcode?: number }>,
    );
  beforeAll(async () => {
    apiRoot = await wechat.start();
    wechat.heard('oUser');
  });
  afterAll(async () => {
    await wechat.stop();
    redis.disconnect();
  });

  test('two processes asking at once fetch it once, and share it until five minutes before it expires', async () => {
    const prefix = `t${randomBytes(4).toString('hex')}:`;
    const [a, b] = [tokens(prefix), tokens(prefix)];
    const before = wechat.tokenCalls;
    expect(await Promise.all([a.get(), b.get(), a.get()])).toEqual(Array(3).fill(`tok-${before + 1}`));
    expect(wechat.tokenCalls).toBe(before + 1);
    clock += (7200 - 301) * 1000; // 5 min 1 s before it expires: still good
    expect(await b.get()).toBe(`tok-${before + 1}`);
    clock += 2000; // inside the last five minutes: refreshed
    expect(await a.get()).toBe(`tok-${before + 2}`);
    expect(await b.get()).toBe(`tok-${before + 2}`);
    expect(wechat.tokenCalls).toBe(before + 2);
  });

  test('a call WeChat answers 40001 drops the token and is made once more with a fresh one', async () => {
    const prefix = `t${randomBytes(4).toString('hex')}:`;
    const t = tokens(prefix);
    await t.get();
    wechat.revoke();
    const before = wechat.sent.length;
    expect(await t.call(send)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(wechat.sent.slice(before).map((s) => s.token)).toEqual([`tok-${wechat.tokenCalls}`]);
    // Still invalid after the one retry: the answer is the caller's to handle, no loop.
    wechat.respondWith(({ path }) => (path === '/cgi-bin/message/custom/send' ? { json: { errcode: 40001, errmsg: 'invalid credential' } } : null));
    const calls = wechat.tokenCalls;
    expect(await t.call(send)).toEqual({ errcode: 40001, errmsg: 'invalid credential' });
    expect(wechat.tokenCalls).toBe(calls + 1);
    wechat.respondWith(() => null);
  });

  test('a wrong secret is an error that names WeChat’s code', async () => {
    await expect(tokens(`t${randomBytes(4).toString('hex')}:`, 'wrong').get()).rejects.toEqual(new WechatApiError(40013, 'invalid appid'));
  });
});
