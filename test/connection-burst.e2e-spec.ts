import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startServiceProcess } from './support/service-process.js';

const KEY = 'burst-test-key-0123456789';

/** Opens `count` TCP connections at once; resolves each socket with its time to connect (ms), or -1 if it failed. */
async function connectAll(url: string, count: number): Promise<{ socket: Socket; ms: number }[]> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from({ length: count }, () => {
      const started = performance.now();
      return new Promise<{ socket: Socket; ms: number }>((resolve) => {
        const socket = connect({ host: hostname, port: Number(port) });
        socket.once('connect', () => resolve({ socket, ms: performance.now() - started }));
        socket.once('error', () => resolve({ socket, ms: -1 }));
      });
    }),
  );
}

/** Sends one GET on a connected socket and resolves everything that comes back until the server closes. */
function exchange(socket: Socket, path: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
    const lines = Object.entries({ Host: 'localhost', Connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

/**
 * A burst of connections is queued by the kernel, not dropped: the service
 * listens with the system's largest backlog. A dropped SYN is retried after a
 * second, so a connection that takes a second or more was dropped once.
 */
describe('a burst of 1,000 connections', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-burst-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is accepted at once (none refused, none retried), and every download completes', async () => {
    writeFileSync(join(root, 'a.bin'), randomBytes(256 * 1024));
    const service = await startServiceProcess({ API_KEYS: KEY, LOCAL_STORAGE_ROOT: root, ARCHIVE_MAX_STREAMS: '2000' });
    try {
      const created = await fetch(`${service.url}/v1/bundles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ files: [{ src: 'file:///a.bin' }] }),
      });
      const { id, secret } = (await created.json()) as { id: string; secret: string };
      const path = `/v1/bundles/${id}/download`;
      await (await fetch(`${service.url}${path}`, { headers: { 'X-Bundle-Secret': secret } })).arrayBuffer();

      const connected = await connectAll(service.url, 1000);
      expect(connected.filter((c) => c.ms < 0)).toHaveLength(0);
      expect(connected.filter((c) => c.ms >= 1000)).toHaveLength(0);

      const answers = await Promise.all(connected.map(({ socket }) => exchange(socket, path, { 'X-Bundle-Secret': secret })));
      const complete = answers.filter((a) => a.subarray(0, 15).toString() === 'HTTP/1.1 200 OK' && a.includes(Buffer.from('PK\u0005\u0006', 'latin1')));
      expect(complete).toHaveLength(1000);
      // RSS after such a burst is in bench/RESULTS.md (isolation): it does not come back within a minute.
    } finally {
      await service.stop();
    }
  }, 120_000);
});
