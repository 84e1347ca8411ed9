import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A provider's HTTP API faked on 127.0.0.1 for the real SDK to call: the server's lifecycle and a
 * responder a test sets to answer otherwise than the fake would (errors, throttling).
 */
export abstract class FakeServer<Request, Answer> {
  protected responder: (request: Request) => Answer | null = () => null;
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  respondWith(responder: (request: Request) => Answer | null): void {
    this.responder = responder;
  }

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): void;
}
