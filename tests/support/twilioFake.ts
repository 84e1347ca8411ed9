import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { FakeServer } from './fakeServer';

/**
 * Signs a webhook exactly as Twilio does: the full URL, then every form key in sorted order followed
 * by its values (sorted, each once), HMAC-SHA1 with the auth token, base64.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function signTwilio(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const values = Array.isArray(params[key]) ? [...new Set(params[key] as string[])].sort() : [params[key] as string];
      return acc + values.map((value) => key + value).join('');
    }, url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: Record<string, string>;
  /** the body as it came (a repeated key shows here; form keeps its last value) */
  raw: string;
  at: number;
}

/**
 * A small fake of Twilio's REST API on 127.0.0.1: records each Messages.create the SDK makes and
 * answers like Twilio (201 with a message resource), or as a test's responder says.
 */
export class FakeTwilio extends FakeServer<ReceivedRequest, { status: number; body: unknown; headers?: Record<string, string> } | 'reset' | 'drop'> {
  readonly requests: ReceivedRequest[] = [];
  /** The message requests (Messages.json) received so far. */
  readonly messages: ReceivedRequest[] = [];
  /** How long each answer to a message request takes (a slow provider: sends stay in flight). */
  delayMs = 0;
  /** The messages Twilio took (created, also those whose answer was lost): what its Messages list answers. */
  readonly accepted: ReturnType<typeof messageResource>[] = [];
  /** How many messages Twilio took for each recipient (To). */
  readonly acceptedFor = new Map<string, number>();
  private waiters: { count: number; resolve: () => void }[] = [];

  reset(): void {
    this.requests.length = 0;
    this.messages.length = 0;
    this.accepted.length = 0;
    this.acceptedFor.clear();
    this.delayMs = 0;
    this.responder = () => null;
  }

  /** Resolves once `count` message requests have arrived (or rejects after `timeoutMs`). */
  waitForMessages(count: number, timeoutMs = 10_000): Promise<ReceivedRequest[]> {
    return new Promise((resolve, reject) => {
      if (this.messages.length >= count) return resolve([...this.messages]);
      const timer = setTimeout(() => reject(new Error(`fake Twilio got ${this.messages.length} of ${count} messages`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve([...this.messages])) });
    });
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(body)),
        raw: body,
        at: Date.now(),
      };
      this.requests.push(request);
      const url = new URL(request.path, 'http://fake');
      if (req.method === 'GET' && url.pathname.endsWith('/Messages.json')) return void this.list(url, res);
      if (request.path.endsWith('/Messages.json')) this.messages.push(request);
      const custom = this.responder(request);
      // reset: Twilio took the message, its answer never arrives; drop: the request died before Twilio stored it.
      if (custom === 'reset' || custom === 'drop') {
        if (custom === 'reset') this.accept(messageResource(request));
        this.wake();
        return void req.socket.destroy();
      }
      const resource = messageResource(request);
      const { status, body: payload, headers = {} } = custom ?? { status: 201, body: resource };
      if (!custom && request.path.endsWith('/Messages.json')) this.accept(resource);
      const answer = () => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      if (this.delayMs > 0 && request.path.endsWith('/Messages.json')) setTimeout(answer, this.delayMs);
      else answer();
      this.wake();
    });
  }

  private accept(resource: ReturnType<typeof messageResource>): void {
    this.accepted.push(resource);
    this.acceptedFor.set(resource.to!, (this.acceptedFor.get(resource.to!) ?? 0) + 1);
  }

  private wake(): void {
    if (this.waiters.length > 0) this.waiters = this.waiters.filter((w) => (this.messages.length >= w.count ? (w.resolve(), false) : true));
  }

  /** Messages list (GET Messages.json?To=…&DateSent>=…), one page, newest first, as Twilio answers it. */
  private list(url: URL, res: http.ServerResponse): void {
    const to = url.searchParams.get('To');
    const after = url.searchParams.get('DateSent>');
    const messages = this.accepted
      .filter((m) => (!to || m.to === to) && (!after || new Date(m.date_created).getTime() >= new Date(after).getTime() - 1000))
      .reverse();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        messages,
        first_page_uri: url.pathname,
        next_page_uri: null,
        previous_page_uri: null,
        page: 0,
        page_size: 200,
        uri: url.pathname,
        start: 0,
        end: messages.length,
      }),
    );
  }
}

function messageResource(request: ReceivedRequest) {
  const accountSid = /Accounts\/(\w+)\//.exec(request.path)?.[1];
  return {
    sid: `SM${randomBytes(16).toString('hex')}`,
    account_sid: accountSid,
    to: request.form.To,
    from: request.form.From ?? null,
    messaging_service_sid: request.form.MessagingServiceSid ?? null,
    body: request.form.Body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    date_created: new Date().toUTCString(),
    error_code: null,
    error_message: null,
  };
}

/** A Twilio REST error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
export const twilioError = (status: number, code: number, message: string) => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});
