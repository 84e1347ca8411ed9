import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import { SendError, sendTimeoutMs } from '../../domain/ports';

/**
 * The HTTP client the twilio SDK sends through (its `httpClient` option: twilio-node's custom HTTP
 * client contract, `request(opts) → { statusCode, body, headers }`), on node's own http(s) with a
 * keep-alive pool instead of the SDK's axios: the same calls, the SDK still building each request
 * and reading each answer, at about a third of the CPU a message (tests/bench/results.md).
 *
 * It points the SDK at TWILIO_API_BASE_URL: the SDK builds every URI on twilio.com; this keeps the
 * path, auth and form body and sends them to the base URL's origin. It reads a 429's Retry-After,
 * which the SDK's RestException drops. Like the SDK's client it trusts TWILIO_CA_BUNDLE; behind an
 * HTTP_PROXY the SDK's own client is used instead (twilioRequestClient).
 */
type RequestOptions = Parameters<twilio.RequestClient['request']>[0];
interface Answer {
  statusCode: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

class NodeHttpClient {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;

  constructor(
    private readonly baseUrl: URL,
    private readonly timeoutMs: number,
  ) {
    const secure = baseUrl.protocol === 'https:';
    const ca = process.env.TWILIO_CA_BUNDLE ? readFileSync(process.env.TWILIO_CA_BUNDLE) : undefined;
    this.transport = secure ? https : http;
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 64, ca }) : new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  request(opts: RequestOptions): Promise<Answer> {
    const target = this.target(opts.uri);
    const body = opts.data ? formOf(opts.data as Record<string, unknown>) : null;
    const query = opts.params ? formOf(opts.params as Record<string, unknown>) : '';
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>), Connection: 'keep-alive' };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    if (body !== null) headers['Content-Length'] = String(Buffer.byteLength(body));
    return new Promise<Answer>((resolve, reject) => {
      const request = this.transport.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          path: target.pathname + (query ? `${target.search ? `${target.search}&` : '?'}${query}` : target.search),
          method: opts.method.toUpperCase(),
          headers,
          agent: this.agent,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ statusCode: response.statusCode!, body: text, headers: response.headers }));
          response.on('error', reject);
        },
      );
      // The whole exchange, as the SDK's timeout: past it the outcome is unknown (the request may have left).
      request.setTimeout(opts.timeout ?? this.timeoutMs, () =>
        request.destroy(Object.assign(new Error('Twilio did not answer in time'), { code: 'ETIMEDOUT' })),
      );
      request.on('error', reject);
      request.end(body ?? undefined);
    }).then(throwOnRetryAfter);
  }

  /** The SDK's twilio.com URI at the base URL's origin (path prefix kept), unless the base is Twilio itself. */
  private target(uri: string): URL {
    const url = new URL(uri);
    if (this.baseUrl.hostname === 'api.twilio.com' || !url.hostname.endsWith('twilio.com')) return url;
    url.protocol = this.baseUrl.protocol;
    url.host = this.baseUrl.host;
    url.pathname = this.baseUrl.pathname.replace(/\/$/, '') + url.pathname;
    return url;
  }
}

/** The SDK's own client (axios), for the same base URL and Retry-After: what runs behind an HTTP_PROXY. */
class SdkRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: URL) {
    super({ keepAlive: true, timeout: sendTimeoutMs, maxSockets: 64 });
    // The SDK sets only an https agent; a plain-http base (a local server) gets a pooled one too.
    (this as unknown as { axios: { defaults: { httpAgent: http.Agent } } }).axios.defaults.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  }

  override request<TData>(opts: RequestOptions & { data?: TData }) {
    const uri = new URL(opts.uri);
    if (this.baseUrl.hostname !== 'api.twilio.com' && uri.hostname.endsWith('twilio.com')) {
      uri.protocol = this.baseUrl.protocol;
      uri.host = this.baseUrl.host;
      uri.pathname = this.baseUrl.pathname.replace(/\/$/, '') + uri.pathname;
    }
    return super.request<TData>({ ...opts, uri: uri.toString() }).then(throwOnRetryAfter);
  }
}

/** The client the SDK is given: node's http(s), or the SDK's own where a proxy is configured. */
export function twilioRequestClient(baseUrl: URL, timeoutMs = sendTimeoutMs): NodeHttpClient | SdkRequestClient {
  return process.env.HTTP_PROXY ? sdkRequestClient(baseUrl) : new NodeHttpClient(baseUrl, timeoutMs);
}

/** The SDK's own client, pointed at the base URL (the benchmark measures the SDK as it ships beside ours). */
export const sdkRequestClient = (baseUrl: URL): SdkRequestClient => new SdkRequestClient(baseUrl);

/** Form encoding as the SDK's client does it (qs, arrayFormat repeat): a list is its key repeated; undefined is left out. */
function formOf(values: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form.toString();
}

/** A 429 with Retry-After becomes a retry after exactly that wait; anything else is the SDK's to read. */
function throwOnRetryAfter<T extends { statusCode: number; headers: unknown; body: unknown }>(answer: T): T {
  const wait = answer.statusCode === 429 ? retryAfterMs(answer.headers as Record<string, string | undefined>) : null;
  if (wait === null) return answer;
  const body = (typeof answer.body === 'string' ? JSON.parse(answer.body || '{}') : (answer.body ?? {})) as { code?: number; message?: string };
  throw new SendError(body.message ?? 'Too Many Requests', 'retry', body.code ? String(body.code) : 'HTTP_429', { retryAfterMs: wait });
}

/** Retry-After, in seconds or as an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
function retryAfterMs(headers: Record<string, string | undefined>): number | null {
  const value = headers['retry-after'] ?? headers['Retry-After'];
  if (!value) return null;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10 * 60_000) : null;
}
