import { createHash } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * WeChat's verification of the server URL (服务器配置, issue 22): WeChat GETs it with a signature over
 * the sorted token, timestamp and nonce, and expects its `echostr` back as is. The signature here is
 * made as WeChat's documentation describes (sort the three, join, SHA-1, hex), not by our code.
 */
describe('WeChat server URL verification', () => {
  let gateway: TestGateway;
  let off: TestGateway;
  beforeAll(async () => {
    [gateway, off] = await Promise.all([
      startTestGateway({ env: { WECHAT_APP_ID: 'wxtest', WECHAT_APP_SECRET: 'secret', WECHAT_TOKEN: 'spamtest' } }),
      startTestGateway(),
    ]);
  });
  afterAll(() => Promise.all([gateway.stop(), off.stop()]));

  const signed = (token: string, timestamp: string, nonce: string) => createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  const verify = (g: TestGateway, query: Record<string, string>) => fetch(`${g.url}/webhooks/wechat?${new URLSearchParams(query)}`);

  test('a correctly signed check is answered with its echostr; a wrong one is 403, an incomplete one 400', async () => {
    const ok = await verify(gateway, {
      signature: signed('spamtest', '1409735669', '1320562132'),
      timestamp: '1409735669',
      nonce: '1320562132',
      echostr: '6054768590064713728',
    });
    expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([200, 'text/plain; charset=utf-8', '6054768590064713728']);
    const wrong = await verify(gateway, { signature: signed('other', '1409735669', '1320562132'), timestamp: '1409735669', nonce: '1320562132', echostr: 'x' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('BAD_SIGNATURE');
    expect((await verify(gateway, { timestamp: '1', nonce: '2', echostr: 'x' })).status).toBe(400);
  });

  test('without WeChat configured the route says so', async () => {
    const response = await verify(off, { signature: 'a', timestamp: '1', nonce: '2', echostr: 'x' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CHANNEL_OFF');
  });
});
