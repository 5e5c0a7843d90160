import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback that cuts the connection it is carrying once the
 * client has sent past each of the given totals (counted across connections):
 * a broken link, as a resumable upload meets it.
 */
export class CuttingProxy {
  private readonly server: Server;
  private sent = 0;
  private readonly sockets = new Set<Socket>();
  readonly cuts: number[] = [];
  port = 0;

  constructor(
    private readonly target: number,
    private readonly cutAfter: number[],
  ) {
    this.server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        this.sent += chunk.length;
        const next = this.cutAfter[this.cuts.length];
        if (next !== undefined && this.sent >= next) {
          this.cuts.push(this.sent);
          client.destroy();
          upstream.destroy();
          return;
        }
        if (!upstream.write(chunk)) client.pause();
      });
      upstream.on('drain', () => client.resume());
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
