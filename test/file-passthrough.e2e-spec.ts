import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultServer } from './support/fault-server.js';
import { S3TestServer } from './support/s3-server.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

describe('single-file passthrough: GET /v1/bundles/:id/files/:index', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-pass-'));
  const local = randomBytes(3_000_000);
  const remote = randomBytes(2_000_000);
  const object = randomBytes(1_500_000);
  const web = new FaultServer();
  const s3 = new S3TestServer();
  let t: TestApp;
  let base: string;
  let bundle: { id: string; secret: string };

  const get = (index: number | string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${base}/v1/bundles/${bundle.id}/files/${index}`, { method, headers: { 'X-Bundle-Secret': bundle.secret, ...headers } });

  beforeAll(async () => {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'report.bin'), local);
    web.route('/remote.bin', FaultServer.serveBytes(remote, '"r1"'));
    await web.start();
    await s3.start();
    await s3.put('pass-src', 'videos/clip.bin', object);
    t = await createTestApp({ ...s3.env(), LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'file:///docs/report.bin', dst: 'Berichte/Q3 résumé.bin' }, { src: `http://localhost:${web.port}/remote.bin` }, { src: 's3://pass-src/videos/clip.bin' }] }),
    });
    bundle = (await res.json()) as { id: string; secret: string };
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    await s3.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a file whole, with its length, version and name', async () => {
    const res = await get(0);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(local)).toBe(true);
    expect(res.headers.get('content-length')).toBe(String(local.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Q3 resume.bin"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9.bin`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([0, 1, 2])('answers ranges of source %i with 206 and exactly those bytes', async (index) => {
    const data = [local, remote, object][index];
    for (const [header, start, end] of [['bytes=1000-1999', 1000, 1999], ['bytes=-500', data.length - 500, data.length - 1], [`bytes=${data.length - 10}-`, data.length - 10, data.length - 1]] as const) {
      const res = await get(index, { Range: header });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${data.length}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, end + 1))).toBe(true);
    }
  });

  it('asks the source for that range only', async () => {
    const before = web.requests.length;
    await (await get(1, { Range: 'bytes=1500000-1500099' })).arrayBuffer();
    const asked = web.requests.slice(before).filter((r) => r.path === '/remote.bin' && r.range !== undefined);
    expect(asked.map((r) => r.range)).toEqual(['bytes=1500000-1500099']);
  });

  it('honours If-Range and If-None-Match, and answers 416 past the end', async () => {
    const etag = (await get(0, {}, 'HEAD')).headers.get('etag')!;
    expect((await get(0, { Range: 'bytes=10-19', 'If-Range': etag })).status).toBe(206);
    const stale = await get(0, { Range: 'bytes=10-19', 'If-Range': '"older"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(local.length);
    expect((await get(0, { 'If-None-Match': etag })).status).toBe(304);
    const beyond = await get(0, { Range: `bytes=${local.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${local.length}`);
    expect(beyond.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get(2, { Range: 'bytes=0-99' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('100');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('applies the download capability rules, and refuses unknown positions', async () => {
    expect((await fetch(`${base}/v1/bundles/${bundle.id}/files/0`)).status).toBe(401);
    expect((await get(3)).status).toBe(404);
    expect((await get('x')).status).toBe(400);
    const minted = await fetch(`${base}/v1/bundles/${bundle.id}/links`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret, 'Content-Type': 'application/json' }, body: '{}' });
    const { token } = (await minted.json()) as { token: string };
    const viaLink = await fetch(`${base}/v1/bundles/${bundle.id}/files/0?token=${token}`, { headers: { Range: 'bytes=0-9' } });
    expect(viaLink.status).toBe(206);
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(local.subarray(0, 10))).toBe(true);
  });
});
