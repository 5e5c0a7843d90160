import { connect } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { startServiceProcess } from './support/service-process.js';

/** Opens `count` TCP connections at once; resolves each one's time to connect (ms), or -1 if it failed. */
async function connectAll(url: string, count: number): Promise<number[]> {
  const { hostname, port } = new URL(url);
  const sockets: ReturnType<typeof connect>[] = [];
  const times = await Promise.all(
    Array.from({ length: count }, () => {
      const started = performance.now();
      return new Promise<number>((resolve) => {
        const socket = connect({ host: hostname, port: Number(port) });
        sockets.push(socket);
        socket.once('connect', () => resolve(performance.now() - started));
        socket.once('error', () => resolve(-1));
      });
    }),
  );
  for (const socket of sockets) socket.destroy();
  return times;
}

/**
 * A burst of connections is queued by the kernel, not dropped: the service
 * listens with the system's largest backlog. A dropped SYN is retried after a
 * second, so a connection that takes a second or more was dropped once.
 */
describe('a burst of 1,000 connections', () => {
  it('is accepted at once: none refused, none retried', async () => {
    const service = await startServiceProcess({ API_KEYS: 'burst-test-key-0123456789' });
    try {
      const times = await connectAll(service.url, 1000);
      expect(times.filter((t) => t < 0)).toHaveLength(0);
      const retried = times.filter((t) => t >= 1000);
      expect(retried).toHaveLength(0);
      const res = await fetch(`${service.url}/health/live`);
      expect(res.status).toBe(200);
    } finally {
      service.stop();
    }
  }, 60_000);
});
