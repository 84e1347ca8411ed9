import type http from 'node:http';
import { FakeServer } from './fakeServer';

/**
 * WeChat's API on 127.0.0.1: `GET /cgi-bin/token` hands out tok-1, tok-2, … (each one invalidating the
 * one before, as WeChat does), and `POST /cgi-bin/message/custom/send` answers 40001 to any token but
 * the current one. A test's responder may answer otherwise.
 */
export class FakeWechat extends FakeServer<{ path: string; query: URLSearchParams; body: unknown }, { status?: number; json: unknown }> {
  tokenCalls = 0;
  sent: { token: string; body: unknown }[] = [];
  expiresIn = 7200;
  private current: string | null = null;

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const request = { path: url.pathname, query: url.searchParams, body: raw ? (JSON.parse(raw) as unknown) : null };
      const answer = this.responder(request) ?? this.answer(request);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  }

  private answer({ path, query, body }: { path: string; query: URLSearchParams; body: unknown }): { status?: number; json: unknown } {
    if (path === '/cgi-bin/token') {
      if (query.get('appid') !== 'wxtest' || query.get('secret') !== 'secret') return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      this.tokenCalls += 1;
      this.current = `tok-${this.tokenCalls}`;
      return { json: { access_token: this.current, expires_in: this.expiresIn } };
    }
    if (path === '/cgi-bin/message/custom/send') {
      const token = query.get('access_token') ?? '';
      if (token !== this.current) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      this.sent.push({ token, body });
      return { json: { errcode: 0, errmsg: 'ok' } };
    }
    return { json: { errcode: 404, errmsg: 'no such path' } };
  }

  /** WeChat invalidates the token (another client fetched one, or it was revoked). */
  revoke(): void {
    this.current = null;
  }
}
