import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

/**
 * A loopback HTTP server whose routes misbehave on purpose. Each route counts its
 * requests, so tests can tell what a client really asked for.
 */
export class FaultServer {
  readonly requests: { method: string; path: string; range?: string; ifMatch?: string }[] = [];
  /** Responses begun and not yet closed: a reader that leaks leaves these behind. */
  inFlight = 0;
  private readonly routes = new Map<string, Handler>();
  private readonly server: Server = createServer((req, res) => this.handle(req, res));
  port = 0;

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  /** Serves `data` with ETag and byte ranges, as a well-behaved file server does. */
  static serveBytes(data: Buffer, etag = '"v1"', options: { breakAfter?: number } = {}) {
    return (req: IncomingMessage, res: ServerResponse) => {
      const ifMatch = req.headers['if-match'];
      if (ifMatch && ifMatch !== etag) {
        res.writeHead(412).end();
        return;
      }
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      let start = 0;
      let end = data.length - 1;
      if (range) {
        start = Number(range[1]);
        end = range[2] ? Math.min(Number(range[2]), end) : end;
        if (start >= data.length) {
          res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
          return;
        }
      }
      const headers = { etag, 'accept-ranges': 'bytes', 'content-length': String(end - start + 1), 'content-type': 'application/octet-stream' };
      if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${data.length}` });
      else res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const body = data.subarray(start, end + 1);
      if (options.breakAfter !== undefined && options.breakAfter < body.length) {
        res.write(body.subarray(0, options.breakAfter), () => res.socket?.destroy());
        return;
      }
      res.end(body);
    };
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  countFor(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const attempt = this.countFor(path);
    this.requests.push({ method: req.method ?? 'GET', path, range: req.headers.range, ifMatch: req.headers['if-match'] as string | undefined });
    this.inFlight += 1;
    res.once('close', () => (this.inFlight -= 1));
    const handler = this.routes.get(path);
    if (!handler) res.writeHead(404).end();
    else handler(req, res, attempt);
  }
}
