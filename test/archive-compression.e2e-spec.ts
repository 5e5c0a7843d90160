import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';
import { framedSize } from '../src/archive/zip/stored-blocks.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('compression: a bundle setting that a request can override', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-files-'));
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-zips-'));
  const text = Buffer.from('quarterly figures, line after line\n'.repeat(40_000));
  const photo = randomBytes(200_000);
  let t: TestApp;
  let base: string;

  const json = { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' };
  const files = [{ src: 'file:///in/notes.txt' }, { src: 'file:///in/photo.jpg' }];

  async function download(path: string, headers: Record<string, string>, name: string) {
    const res = await fetch(`${base}${path}`, { headers });
    expect(res.status).toBe(200);
    const file = join(out, name);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(await unzipTest(file)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(file);
    expect(check.bad).toBeNull();
    // Stored data is method 8 too (deflate stored blocks): what tells it from compressed data is its size.
    return check.entries.map((e) => [e.name, e.method === 8 && e.compressed === framedSize(e.size) ? 'stored' : e.method === 8 ? 'deflated' : 'known', e.sha256]);
  }

  beforeAll(async () => {
    mkdirSync(join(root, 'in'));
    writeFileSync(join(root, 'in', 'notes.txt'), text);
    writeFileSync(join(root, 'in', 'photo.jpg'), photo);
    t = await createTestApp({ LOCAL_STORAGE_ROOT: root, ARCHIVE_DEFLATE_LEVEL: '1' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    for (const dir of [root, out]) rmSync(dir, { recursive: true, force: true });
  });

  it('stores everything by default, and says so on the bundle', async () => {
    const created = await fetch(`${base}/v1/bundles`, { method: 'POST', headers: json, body: JSON.stringify({ files }) });
    const bundle = (await created.json()) as { id: string; secret: string; compression: string; coverSheet: boolean };
    expect([bundle.compression, bundle.coverSheet]).toEqual(['store', true]);
    const entries = await download(`/v1/bundles/${bundle.id}/download`, { 'X-Bundle-Secret': bundle.secret }, 'stored.zip');
    expect(entries.map(([name, method]) => [name, method])).toEqual([['in/notes.txt', 'stored'], ['in/photo.jpg', 'stored'], ['MANIFEST.txt', 'known'], ['MANIFEST.csv', 'known']]);
  });

  it('with auto, deflates text and stores the photo; a request can still ask for store or deflate', async () => {
    const created = await fetch(`${base}/v1/bundles`, { method: 'POST', headers: json, body: JSON.stringify({ files, compression: 'auto', coverSheet: false }) });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const auth = { 'X-Bundle-Secret': secret };
    expect(await download(`/v1/bundles/${id}/download`, auth, 'auto.zip')).toEqual([
      ['in/notes.txt', 'deflated', sha(text)],
      ['in/photo.jpg', 'stored', sha(photo)],
    ]);
    const stored = await download(`/v1/bundles/${id}/download?compression=store`, auth, 'override-store.zip');
    expect(stored.map(([, method]) => method)).toEqual(['stored', 'stored']);
    const deflated = await download(`/v1/bundles/${id}/download?compression=deflate&coverSheet=true`, auth, 'override-deflate.zip');
    expect(deflated.map(([name, method]) => [name, method])).toEqual([['in/notes.txt', 'deflated'], ['in/photo.jpg', 'deflated'], ['MANIFEST.txt', 'deflated'], ['MANIFEST.csv', 'deflated']]);
    expect(deflated[1][2]).toBe(sha(photo));
  });

  it('changes a bundle\'s compression with PATCH, and refuses an unknown mode with problem+json', async () => {
    const created = await fetch(`${base}/v1/bundles`, { method: 'POST', headers: json, body: JSON.stringify({ files }) });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const patched = await fetch(`${base}/v1/bundles/${id}`, { method: 'PATCH', headers: { 'X-Bundle-Secret': secret, 'Content-Type': 'application/json' }, body: JSON.stringify({ compression: 'deflate', coverSheet: false }) });
    expect(((await patched.json()) as { compression: string }).compression).toBe('deflate');
    const entries = await download(`/v1/bundles/${id}/download`, { 'X-Bundle-Secret': secret }, 'patched.zip');
    expect(entries.map(([, method]) => method)).toEqual(['deflated', 'deflated']);

    const bad = await fetch(`${base}/v1/bundles/${id}/download?compression=zstd`, { headers: { 'X-Bundle-Secret': secret } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const badBody = await fetch(`${base}/v1/archives`, { method: 'POST', headers: json, body: JSON.stringify({ files, compression: 'brotli' }) });
    expect(badBody.status).toBe(400);
  });

  it('deflates a one-off archive when asked', async () => {
    const res = await fetch(`${base}/v1/archives`, { method: 'POST', headers: json, body: JSON.stringify({ files, compression: 'auto', coverSheet: false }) });
    expect(res.status).toBe(200);
    const file = join(out, 'oneoff-auto.zip');
    const body = Buffer.from(await res.arrayBuffer());
    writeFileSync(file, body);
    expect((await pythonZipCheck(file)).entries.map((e) => [e.name, e.method, e.compressed === framedSize(e.size)])).toEqual([['in/notes.txt', 8, false], ['in/photo.jpg', 8, true]]);
    // The text shrank: the archive is much smaller than its contents.
    expect(body.length).toBeLessThan(text.length / 4 + photo.length + 2_000);
  });
});
