import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { FaultServer } from './support/fault-server.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';


/**
 * Two instances of the service on one database, as behind a load balancer: what
 * one learns of a layout, and what it is doing about it, the other sees.
 */
describe('layouts across instances', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-instances-'));
  const web = new FaultServer();
  const slow = randomBytes(2_000_000);
  let releaseSlow: () => void = () => undefined;
  const slowReleased = new Promise<void>((resolve) => (releaseSlow = resolve));
  let a: TestApp;
  let b: TestApp;
  let baseA: string;
  let baseB: string;

  beforeAll(async () => {
    writeFileSync(join(root, 'note.txt'), 'a note\n');
    // A source that sends its first half, then waits until the test lets it finish.
    web.route('/slow.bin', (req, res) => {
      const headers = { etag: '"slow-1"', 'accept-ranges': 'bytes', 'content-length': String(slow.length) };
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return void res.end();
      res.write(slow.subarray(0, 1_000_000));
      void slowReleased.then(() => res.end(slow.subarray(1_000_000)));
    });
    await web.start();
    const env = { LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' };
    ({ t: a, base: baseA } = await listeningTestApp(env));
    ({ t: b, base: baseB } = await listeningTestApp(env));
  });
  afterAll(async () => {
    releaseSlow();
    await a.close();
    await b.close();
    await web.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('shows a seal started on one instance on the other, runs it once, and the other serves the layout it learnt', async () => {
    const created = await fetch(`${baseA}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'file:///note.txt' }, { src: `http://localhost:${web.port}/slow.bin` }] }),
    });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const auth = { 'X-Bundle-Secret': secret };
    const seal = (base: string, method = 'GET') => fetch(`${base}/v1/bundles/${id}/seal`, { method, headers: auth }).then(async (r) => (await r.json()) as Record<string, unknown>);
    const slowReads = () => web.requests.filter((r) => r.method === 'GET' && r.path === '/slow.bin').length;

    expect(await seal(baseA, 'POST')).toMatchObject({ state: 'sealing' });
    await eventually(() => slowReads() === 1, 10_000, 'the seal to read the slow source');
    // B sees A's seal, with its progress, and asking B to seal does not start another.
    expect(await seal(baseB)).toMatchObject({ state: 'sealing', files: 2 });
    expect(await seal(baseB, 'POST')).toMatchObject({ state: 'sealing' });

    releaseSlow();
    await eventually(async () => (await seal(baseB)).state === 'sealed', 10_000, 'the seal to finish');
    expect(slowReads()).toBe(1);
    const sealed = await seal(baseB);
    expect(sealed).toMatchObject({ state: 'sealed', filesDone: 2, bytesRead: slow.length + 7 });

    const head = await fetch(`${baseB}/v1/bundles/${id}/download`, { method: 'HEAD', headers: auth });
    expect(head.headers.get('content-length')).toBe(String(sealed.contentLength));
    expect(head.headers.get('etag')).toBe(sealed.etag);
  });
});
