import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultServer } from './support/fault-server.js';
import { hugeEntry } from './support/huge-entry.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';
import { startServiceProcess } from './support/service-process.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const run = promisify(execFile);

describe('archives at scale, through the HTTP endpoint', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-scale-'));
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-scale-zips-'));
  const web = new FaultServer();
  // Over 4 GiB, made on the fly by the origin: never stored anywhere.
  const huge = hugeEntry();
  const { block, tail } = huge;
  const BLOCKS = huge.blocks;
  const HUGE = huge.size;
  let sentToSlowClients = 0;
  let t: TestApp;
  let base: string;

  async function post(url: string, body: object, headers: Record<string, string> = {}) {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; secret: string };
  }

  beforeAll(async () => {
    web.route('/huge.bin', (req, res) => {
      res.writeHead(200, { 'content-length': String(HUGE), etag: '"huge"' });
      let sent = 0;
      const pump = () => {
        while (sent < BLOCKS) {
          sent += 1;
          if (!res.write(block)) return;
        }
        res.end(tail);
      };
      res.on('drain', pump);
      pump();
    });
    // An origin that would send a gigabyte as fast as it is taken.
    web.route('/endless.bin', (_req, res) => {
      res.writeHead(200, { 'content-length': String(1 << 30) });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        do sentToSlowClients += chunk.length;
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    await web.start();
    t = await createTestApp({ LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    rmSync(out, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('zips more than 65,535 entries with zip64 end records, built from appends', async () => {
    mkdirSync(join(root, 'many'));
    for (let i = 0; i < 100; i++) writeFileSync(join(root, 'many', `f${i}.txt`), `file ${i}\n`);
    const count = 70_000;
    const refs = Array.from({ length: count }, (_, i) => ({ src: `file:///many/f${i % 100}.txt`, dst: `part${Math.floor(i / 10_000)}/n${i}.txt` }));
    const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
    const bundle = await post(`${base}/v1/bundles`, { files: refs.slice(0, 10_000), coverSheet: false }, auth);
    for (let from = 10_000; from < count; from += 10_000) {
      await post(`${base}/v1/bundles/${bundle.id}/files`, { files: refs.slice(from, from + 10_000) }, { 'X-Bundle-Secret': bundle.secret });
    }
    const path = join(out, 'many.zip');
    await run('curl', ['-sSf', '-o', path, '-H', `X-Bundle-Secret: ${bundle.secret}`, `${base}/v1/bundles/${bundle.id}/download`]);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    expect(check.zip64_end).toBe(true);
    expect(check.entries).toHaveLength(count);
    expect(check.entries.some((e) => e.zip64_extra)).toBe(false);
    expect(check.entries[count - 1]).toMatchObject({ name: `part6/n${count - 1}.txt`, sha256: createHash('sha256').update(`file ${(count - 1) % 100}\n`).digest('hex') });
  }, 300_000);

  it('streams an entry over 4 GiB from an HTTP source, with zip64 only where needed', async () => {
    const path = join(out, 'huge.zip');
    const body = { files: [{ src: 'file:///many/f1.txt', dst: 'before.txt' }, { src: `http://localhost:${web.port}/huge.bin` }, { src: 'file:///many/f2.txt', dst: 'after.txt' }], coverSheet: false };
    await run('curl', ['-sSf', '-o', path, '-H', `Authorization: Bearer ${TEST_API_KEY}`, '-H', 'Content-Type: application/json', '--data', JSON.stringify(body), `${base}/v1/archives`]);
    try {
      expect(await unzipTest(path)).toMatch(/No errors detected/);
      const check = await pythonZipCheck(path);
      expect(check.bad).toBeNull();
      expect(check.entries.map((e) => [e.name, e.size, e.zip64_extra])).toEqual([
        ['before.txt', 7, false],
        ['huge.bin', HUGE, true],
        ['after.txt', 7, true], // its offset is past 4 GiB
      ]);
      expect(check.entries[1].sha256).toBe(huge.sha256());
    } finally {
      rmSync(path, { force: true });
    }
  }, 600_000);

  it('keeps the server\'s memory flat while clients read at 1 KB/s', async () => {
    const key = 'slow-clients-key-0123456789';
    const service = await startServiceProcess({ API_KEYS: key, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    try {
      const url = service.url;
      const bundle = await post(`${url}/v1/bundles`, { files: [{ src: `http://localhost:${web.port}/endless.bin` }] }, { Authorization: `Bearer ${key}` });
      const clients = 20;
      let received = 0;
      const requests = Array.from({ length: clients }, () => {
        const req = httpRequest(`${url}/v1/bundles/${bundle.id}/download`, { headers: { 'X-Bundle-Secret': bundle.secret } }, (res) => {
          res.pause();
          // 1 KB a second, the slowest client worth the name.
          const timer = setInterval(() => (received += (res.read(1024) as Buffer | null)?.length ?? 0), 1000);
          res.once('close', () => clearInterval(timer));
        });
        req.on('error', () => undefined);
        req.end();
        return req;
      });
      await new Promise((r) => setTimeout(r, 3000));
      const sentBefore = sentToSlowClients;
      // Measured from here, once every client has its connection and first buffers: what
      // serving them costs at first is in bench/RESULTS.md (isolation), not asserted here.
      const baseline = service.rssKiB();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, service.rssKiB())), 100);
      await new Promise((r) => setTimeout(r, 6000));
      clearInterval(sampler);
      requests.forEach((r) => r.destroy());
      expect(received).toBeGreaterThan(clients * 1024 * 3);
      // Nine seconds in, the origin could have sent 20 GiB; socket buffers hold what it did.
      expect(sentToSlowClients).toBeLessThan(clients * (16 << 20));
      // Flat: after the first three seconds the origin sends next to nothing more, and
      // the server's RSS does not rise more than 1 MiB per client while the clients go on.
      expect(sentToSlowClients - sentBefore).toBeLessThan(4 << 20);
      expect((peak - baseline) / clients).toBeLessThan(1024);
    } finally {
      await service.stop();
    }
  }, 120_000);
});
