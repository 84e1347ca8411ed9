import type http from 'node:http';
import { FakeServer } from './fakeServer';

export interface WechatCall {
  path: string;
  token: string;
  body: { touser?: string; msgtype?: string; text?: { content: string }; template_id?: string; [key: string]: unknown };
}

/**
 * WeChat's API on 127.0.0.1, with the rules fieldline must live by: `GET /cgi-bin/token` hands out
 * tok-1, tok-2, … (each one invalidating the one before, as WeChat does); a call with any token but
 * the current one is 40001; a customer-service message (`/cgi-bin/message/custom/send`) reaches only
 * a user whose 48-hour window is open (`heard`), else 45015; a template message
 * (`/cgi-bin/message/template/send`) reaches anyone still following; either to a user who
 * unfollowed (`unfollow`) is 43004. A test's responder may answer otherwise.
 */
export class FakeWechat extends FakeServer<{ path: string; query: URLSearchParams; body: unknown }, { status?: number; json: unknown }> {
  tokenCalls = 0;
  /** the messages WeChat took, in order */
  sent: WechatCall[] = [];
  /** every call, taken or refused */
  calls: { path: string; errcode: number }[] = [];
  expiresIn = 7200;
  private current: string | null = null;
  private readonly open = new Set<string>();
  private readonly unfollowed = new Set<string>();
  private msgId = 1000;
  /** temporary media by MediaId, as `/cgi-bin/media/get` serves them */
  readonly files = new Map<string, { body: Buffer; type: string }>();

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const request = { path: url.pathname, query: url.searchParams, body: raw ? (JSON.parse(raw) as unknown) : null };
      const file =
        request.path === '/cgi-bin/media/get' && request.query.get('access_token') === this.current
          ? this.files.get(request.query.get('media_id') ?? '')
          : undefined;
      if (file) return void res.writeHead(200, { 'content-type': file.type }).end(file.body);
      const answer = this.responder(request) ?? this.answer(request);
      const errcode = (answer.json as { errcode?: number }).errcode ?? 0;
      if (request.path !== '/cgi-bin/token') this.calls.push({ path: request.path, errcode });
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
    const token = query.get('access_token') ?? '';
    if (path === '/cgi-bin/media/get') return { json: { errcode: token === this.current ? 40007 : 40001, errmsg: 'invalid media_id' } };
    if (path !== '/cgi-bin/message/custom/send' && path !== '/cgi-bin/message/template/send') return { json: { errcode: 404, errmsg: 'no such path' } };
    if (token !== this.current) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
    const call = { path, token, body: body as WechatCall['body'] };
    const to = call.body.touser ?? '';
    if (this.unfollowed.has(to)) return { json: { errcode: 43004, errmsg: 'require subscribe' } };
    if (path === '/cgi-bin/message/custom/send') {
      if (!this.open.has(to)) return { json: { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' } };
      this.sent.push(call);
      return { json: { errcode: 0, errmsg: 'ok' } };
    }
    this.sent.push(call);
    return { json: { errcode: 0, errmsg: 'ok', msgid: (this.msgId += 1) } };
  }

  /** The user wrote to the account: their 48-hour window is open. */
  heard(openId: string): void {
    this.open.add(openId);
    this.unfollowed.delete(openId);
  }

  /** Their window closed (48 hours passed). */
  closeWindow(openId: string): void {
    this.open.delete(openId);
  }

  unfollow(openId: string): void {
    this.unfollowed.add(openId);
    this.open.delete(openId);
  }

  /** WeChat invalidates the token (another client fetched one, or it was revoked). */
  revoke(): void {
    this.current = null;
  }

  reset(): void {
    this.sent = [];
    this.calls = [];
    this.responder = () => null;
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<WechatCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.length < count) {
      if (Date.now() > deadline) throw new Error(`fake WeChat took ${this.sent.length} of ${count} messages`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.sent;
  }
}
