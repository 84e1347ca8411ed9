import http from 'node:http';
import { FakeServer } from './fakeServer';

export interface BotApiCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A small fake of the Telegram Bot API on 127.0.0.1 (https://core.telegram.org/bots/api#making-requests):
 * records every method grammY calls and answers like Telegram, or as a test's responder says.
 * getUpdates hands out the updates a test queued, once each, honouring `offset`.
 */
export class FakeTelegram extends FakeServer<BotApiCall, { status: number; body: unknown } | 'reset'> {
  readonly calls: BotApiCall[] = [];
  /** The messages Telegram took (sendMessage answered ok), as `chat:message_id`, the gateway's provider id. */
  readonly delivered: string[] = [];
  /** The text of each message Telegram took, by `chat:message_id`. */
  readonly deliveredText = new Map<string, string>();
  /** How many messages Telegram took for each chat. */
  readonly deliveredTo = new Map<string, number>();
  /** Files chats sent, by file id: getFile answers their path and `/file/bot<token>/<path>` serves them. */
  readonly files = new Map<string, { body: Buffer; type: string }>();
  private pending: { update_id: number }[] = [];
  private messageId = 1;

  reset(): void {
    this.calls.length = 0;
    this.delivered.length = 0;
    this.deliveredText.clear();
    this.deliveredTo.clear();
    this.responder = () => null;
  }

  queueUpdate(update: { update_id: number }): void {
    this.pending.push(update);
  }

  sent(method = 'sendMessage'): BotApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  async waitFor(count: number, method = 'sendMessage', timeoutMs = 10_000): Promise<BotApiCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent(method).length < count) {
      if (Date.now() > deadline) throw new Error(`fake Telegram got ${this.sent(method).length} of ${count} ${method} calls`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.sent(method);
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const file = /^\/file\/bot[^/]+\/files\/(.+)$/.exec(req.url ?? '');
      if (file) {
        const held = this.files.get(decodeURIComponent(file[1]!));
        return void (held ? res.writeHead(200, { 'content-type': held.type }).end(held.body) : res.writeHead(404).end());
      }
      const [, token = '', method = ''] = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '') ?? [];
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const call = { method, token, body, at: Date.now() };
      if (method !== 'getUpdates') this.calls.push(call);
      const custom = this.responder(call);
      // reset: Telegram got the call, its answer never arrives.
      if (custom === 'reset') return void req.socket.destroy();
      const { status, body: payload } = custom ?? { status: 200, body: { ok: true, result: this.result(call) } };
      const reply = () => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      // Long polling: an empty getUpdates waits a little, as Telegram's does, instead of spinning.
      if (method === 'getUpdates' && custom === null && (payload as { result: unknown[] }).result.length === 0) setTimeout(reply, 50);
      else reply();
    });
  }

  private result(call: BotApiCall): unknown {
    switch (call.method) {
      case 'getMe':
        return { id: 999, is_bot: true, first_name: 'fieldline', username: 'FieldlineBot' };
      case 'getUpdates': {
        const offset = Number(call.body.offset ?? 0);
        this.pending = this.pending.filter((u) => u.update_id >= offset);
        return this.pending.slice(0, 100);
      }
      case 'sendMessage': {
        const chat = String(call.body.chat_id);
        this.delivered.push(`${chat}:${this.messageId}`);
        this.deliveredText.set(`${chat}:${this.messageId}`, String(call.body.text));
        this.deliveredTo.set(chat, (this.deliveredTo.get(chat) ?? 0) + 1);
        return { message_id: this.messageId++, date: Math.floor(Date.now() / 1000), chat: { id: call.body.chat_id, type: 'private' }, text: call.body.text };
      }
      case 'getFile': {
        const id = String(call.body.file_id);
        const held = this.files.get(id);
        return held ? { file_id: id, file_unique_id: `u-${id}`, file_size: held.body.length, file_path: `files/${encodeURIComponent(id)}` } : true;
      }
      default:
        return true;
    }
  }
}

/** A Bot API error body (https://core.telegram.org/bots/api#making-requests). */
export const telegramError = (status: number, description: string, parameters?: Record<string, unknown>) => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});
