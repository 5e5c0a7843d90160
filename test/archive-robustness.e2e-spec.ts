import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, writeFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { S3StorageProvider } from '../src/storage/s3/s3.storage-provider.js';
import { FaultServer } from './support/fault-server.js';
import { eventually } from './support/eventually.js';
import { S3TestServer } from './support/s3-server.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const fdTargets = () => readdirSync('/proc/self/fd').map((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`); } catch { return '?'; } });


describe('archive streaming under hostile clients', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-robust-'));
  const s3 = new S3TestServer();
  const web = new FaultServer();
  let servedBytes = 0;
  let t: TestApp;
  let base: string;
  let bundle: { id: string; secret: string };
  let total = 0;

  async function create(files: object[]): Promise<{ id: string; secret: string }> {
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files }),
    });
    return (await res.json()) as { id: string; secret: string };
  }

  /** Reads `limit` bytes of the download, then drops the connection; resolves bytes read. */
  function readThenDisconnect(path: string, secret: string, limit: number): Promise<number> {
    return new Promise((resolve, reject) => {
      let got = 0;
      const req = httpRequest(`${base}${path}`, { headers: { 'X-Bundle-Secret': secret } }, (res) => {
        if (limit === 0) {
          req.destroy();
          resolve(0);
          return;
        }
        res.on('data', (chunk: Buffer) => {
          got += chunk.length;
          if (got >= limit) {
            req.destroy();
            resolve(got);
          }
        });
        res.on('end', () => resolve(got));
      });
      req.on('error', () => undefined);
      req.once('error', (err) => (got >= limit ? undefined : reject(err)));
      req.end();
    });
  }

  beforeAll(async () => {
    mkdirSync(join(root, 'big'));
    writeFileSync(join(root, 'big', 'local.bin'), randomBytes(24 << 20));
    await s3.start();
    await s3.put('robust-src', 'object.bin', randomBytes(12 << 20));
    const remote = randomBytes(12 << 20);
    web.route('/remote.bin', FaultServer.serveBytes(remote));
    // An origin that counts what it has handed over, to see backpressure reach it.
    web.route('/endless.bin', (_req, res) => {
      res.writeHead(200, { 'content-length': String(1 << 30) });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (res.write(chunk)) servedBytes += chunk.length;
        servedBytes += chunk.length;
      };
      res.on('drain', pump);
      pump();
    });
    await web.start();
    t = await createTestApp({ ...s3.env(), LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    bundle = await create([
      { src: 'file:///big/local.bin' },
      { src: 's3://robust-src/object.bin' },
      { src: `http://localhost:${web.port}/remote.bin` },
    ]);
    // A full download first: it warms every pool, so the baselines below are fair.
    total = await readThenDisconnect(`/v1/bundles/${bundle.id}/download?coverSheet=false`, bundle.secret, Number.MAX_SAFE_INTEGER);
    expect(total).toBeGreaterThan(48 << 20);
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    await s3.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it.each([0, 0.5, 0.99])('frees sources, sockets and file descriptors when the client leaves at %p of the download', async (fraction) => {
    const s3Provider = t.app.get(S3StorageProvider);
    const inUse = () => Object.values(s3Provider.httpAgent.sockets).reduce((n, l) => n + (l?.length ?? 0), 0);
    const released = () => fdTargets().filter((f) => f.startsWith(root)).length === 0 && inUse() === 0 && web.inFlight === 0;
    await eventually(released, 10_000, 'what the test before held to be let go');
    const got = await readThenDisconnect(`/v1/bundles/${bundle.id}/download?coverSheet=false`, bundle.secret, Math.floor(total * fraction));
    expect(got).toBeLessThan(total);
    await eventually(released, 10_000, 'sources, sockets and descriptors to be let go');
    // Checked per kind rather than as a raw descriptor count, which idle keep-alive
    // connections (pooled by design, on both sides) move up and down on their own.
    expect(fdTargets().filter((f) => f.startsWith(root))).toEqual([]); // no source file open
    expect(inUse()).toBe(0); // no S3 socket in use
    expect(web.inFlight).toBe(0); // no HTTP response still being read
  });

  it('pulls from the source only as fast as a slow client reads (backpressure end to end)', async () => {
    const slow = await create([{ src: `http://localhost:${web.port}/endless.bin` }]);
    servedBytes = 0;
    let received = 0;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/v1/bundles/${slow.id}/download`, { headers: { 'X-Bundle-Secret': slow.secret } }, (res) => {
        res.pause();
        // About 1 KB/s would take hours to show anything; 16 KiB every 100 ms for 3 s is as telling.
        const timer = setInterval(() => {
          const chunk = res.read(16 * 1024) as Buffer | null;
          received += chunk?.length ?? 0;
        }, 100);
        setTimeout(() => {
          clearInterval(timer);
          req.destroy();
          resolve();
        }, 3000);
      });
      req.on('error', () => undefined);
      req.end();
    });
    // Whatever the source could send (1 GiB), only a bounded window beyond what the
    // client took was pulled: socket buffers and one 64 KiB buffer per stage.
    expect(received).toBeGreaterThan(0);
    expect(servedBytes - received).toBeLessThan(16 << 20);
  });

  it('zips 10,000 small files that real readers accept', async () => {
    mkdirSync(join(root, 'small'));
    const files = Array.from({ length: 10_000 }, (_, i) => {
      writeFileSync(join(root, 'small', `f${i}.txt`), `small file ${i}\n`);
      return { src: `file:///small/f${i}.txt` };
    });
    const many = await create(files);
    const res = await fetch(`${base}/v1/bundles/${many.id}/download`, { headers: { 'X-Bundle-Secret': many.secret } });
    const path = join(root, 'many.zip');
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.entries).toHaveLength(10_002);
    expect(check.entries[9_999]).toMatchObject({ name: 'small/f9999.txt', sha256: createHash('sha256').update('small file 9999\n').digest('hex') });
  }, 120_000);
});
