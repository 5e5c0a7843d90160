import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as tus from 'tus-js-client';
import { DataSource } from 'typeorm';
import { StorePurger } from '../src/store/store-purger.js';
import { CuttingProxy } from './support/cutting-proxy.js';
import { sha256Of } from './support/streams.js';
import { authed, type StoredFileBody } from './support/store-client.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const MiB = 1 << 20;
const TUS = { 'Tus-Resumable': '1.0.0' };

/** Runs tus-js-client to the end; resolves the upload's URL. */
function tusUpload(endpoint: string, path: string, size: number, options: Partial<tus.UploadOptions> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(createReadStream(path), {
      endpoint,
      uploadSize: size,
      headers: { Authorization: `Bearer ${TEST_API_KEY}` },
      metadata: { filename: 'video.bin', filetype: 'video/mp4' },
      retryDelays: [0, 100, 300, 1000, 2000],
      onError: reject,
      onSuccess: () => resolve(upload.url!),
      ...options,
    });
    upload.start();
  });
}

describe('resumable uploads (tus 1.0) to the local store', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-tus-'));
  const storeDir = join(work, 'store');
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ STORE_DIR: storeDir, STORE_UPLOAD_EXPIRY_MINUTES: '60' }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function create(length: number, extra: Record<string, string> = {}, body?: Buffer): Promise<Response> {
    return authed(`${base}/v1/uploads`, { method: 'POST', headers: { ...TUS, 'Upload-Length': String(length), ...extra }, body });
  }

  it('takes 300 MiB from tus-js-client through a link cut twice, resuming from the offset it reports', async () => {
    const path = join(work, 'video.bin');
    writeFileSync(path, randomBytes(300 * MiB));
    const proxy = await new CuttingProxy(Number(new URL(base).port), [90 * MiB, 210 * MiB]).start();
    try {
      const url = await tusUpload(`http://127.0.0.1:${proxy.port}/v1/uploads`, path, 300 * MiB);
      expect(proxy.cuts).toHaveLength(2);
      const id = url.split('/').pop()!;
      const file = (await (await authed(`${base}/v1/files/${id}`)).json()) as StoredFileBody;
      const source = await sha256Of(createReadStream(path));
      expect(file).toMatchObject({ id, src: `store://${id}`, name: 'video.bin', contentType: 'video/mp4', size: 300 * MiB, digest: `sha-256=:${Buffer.from(source, 'hex').toString('base64')}:` });
      expect(await sha256Of(createReadStream(join(storeDir, id.slice(0, 2), id)))).toBe(source);
    } finally {
      await proxy.stop();
    }
  });

  it('announces itself to OPTIONS and refuses another protocol version', async () => {
    const options = await fetch(`${base}/v1/uploads`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('tus-extension')).toBe('creation,creation-with-upload,expiration,termination,checksum');
    expect(options.headers.get('tus-checksum-algorithm')).toContain('sha256');
    const old = await authed(`${base}/v1/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '0.2.2', 'Upload-Length': '10' } });
    expect([old.status, old.headers.get('tus-version')]).toEqual([412, '1.0.0']);
  });

  it('appends PATCH by PATCH, refuses a wrong offset, and makes the file at the last byte', async () => {
    const data = randomBytes(3 * MiB + 11);
    const created = await create(data.length, { 'Upload-Metadata': `filename ${Buffer.from('report.pdf').toString('base64')}` });
    expect(created.status).toBe(201);
    expect(created.headers.get('upload-expires')).toBeTruthy();
    const url = `${base}${new URL(created.headers.get('location')!, base).pathname}`;
    const patch = (offset: number, bytes: Buffer, headers: Record<string, string> = {}) =>
      authed(url, { method: 'PATCH', headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset), ...headers }, body: bytes });
    const first = await patch(0, data.subarray(0, MiB));
    expect([first.status, first.headers.get('upload-offset')]).toEqual([204, String(MiB)]);
    // Refused before its body is read: the body is still read and dropped, so the client gets the answer, not a reset.
    const wrong = await patch(0, data);
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH']);
    const head = await authed(url, { method: 'HEAD', headers: TUS });
    expect([head.headers.get('upload-offset'), head.headers.get('upload-length'), head.headers.get('cache-control')]).toEqual([String(MiB), String(data.length), 'no-store']);
    const last = await patch(MiB, data.subarray(MiB));
    expect(last.headers.get('upload-offset')).toBe(String(data.length));
    const id = url.split('/').pop()!;
    const file = (await (await authed(`${base}/v1/files/${id}`)).json()) as StoredFileBody;
    expect(file).toMatchObject({ name: 'report.pdf', size: data.length, digest: `sha-256=:${createHash('sha256').update(data).digest('base64')}:` });
    const done = await authed(url, { method: 'HEAD', headers: TUS });
    expect(done.headers.get('upload-offset')).toBe(String(data.length));
  });

  it('checks Upload-Checksum: a mismatch answers 460 and keeps none of the request\'s bytes', async () => {
    const data = randomBytes(2 * MiB);
    const url = `${base}${(await create(data.length)).headers.get('location')}`;
    const patch = (checksum: string) =>
      authed(url, { method: 'PATCH', headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0', 'Upload-Checksum': checksum }, body: data.subarray(0, MiB) });
    const bad = await patch(`sha256 ${createHash('sha256').update('not these bytes').digest('base64')}`);
    expect(bad.status).toBe(460);
    expect(((await bad.json()) as { code: string }).code).toBe('CHECKSUM_MISMATCH');
    expect((await authed(url, { method: 'HEAD', headers: TUS })).headers.get('upload-offset')).toBe('0');
    const good = await patch(`sha256 ${createHash('sha256').update(data.subarray(0, MiB)).digest('base64')}`);
    expect(good.headers.get('upload-offset')).toBe(String(MiB));
    const unknown = await patch('crc99 AAAA');
    expect(unknown.status).toBe(400);
  });

  it('takes the first bytes with the creation request (creation-with-upload)', async () => {
    const data = randomBytes(100_000);
    const res = await create(data.length, { 'Content-Type': 'application/offset+octet-stream' }, data);
    expect([res.status, res.headers.get('upload-offset')]).toEqual([201, String(data.length)]);
    const id = res.headers.get('location')!.split('/').pop()!;
    expect(((await (await authed(`${base}/v1/files/${id}`)).json()) as StoredFileBody).size).toBe(data.length);
  });

  it('refuses more bytes than Upload-Length, and an Upload-Length over the limit', async () => {
    const url = `${base}${(await create(10)).headers.get('location')}`;
    const over = await authed(url, { method: 'PATCH', headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' }, body: randomBytes(11) });
    expect(over.status).toBe(400);
    expect((await create(100 * 1024 * 1024 * MiB)).status).toBe(413);
  });

  it('removes a terminated upload\'s bytes, and an expired one\'s at the next purge', async () => {
    const terminated = `${base}${(await create(MiB, { 'Content-Type': 'application/offset+octet-stream' }, randomBytes(1000))).headers.get('location')}`;
    const expiring = `${base}${(await create(MiB, { 'Content-Type': 'application/offset+octet-stream' }, randomBytes(1000))).headers.get('location')}`;
    const temporary = (url: string) => join(storeDir, 'tmp', url.split('/').pop()!);
    expect(existsSync(temporary(terminated)) && existsSync(temporary(expiring))).toBe(true);
    expect((await authed(terminated, { method: 'DELETE', headers: TUS })).status).toBe(204);
    expect(existsSync(temporary(terminated))).toBe(false);
    expect((await authed(terminated, { method: 'HEAD', headers: TUS })).status).toBe(404);

    t.clock.advance(61 * 60_000);
    expect((await authed(expiring, { method: 'HEAD', headers: TUS })).status).toBe(410);
    const purged = await t.app.get(StorePurger).purge();
    expect(purged.uploads).toBeGreaterThanOrEqual(1);
    expect(existsSync(temporary(expiring))).toBe(false);
    expect((await authed(expiring, { method: 'HEAD', headers: TUS })).status).toBe(404);
    // A temporary file of no upload (a crash mid-request) goes too, once old enough.
    writeFileSync(join(storeDir, 'tmp', 'orphan'), 'left by a crash');
    t.clock.advance(61 * 60_000);
    expect((await t.app.get(StorePurger).purge()).temporaries).toBeGreaterThanOrEqual(1);
    expect(readdirSync(join(storeDir, 'tmp'))).not.toContain('orphan');
    const rows = await t.app.get(DataSource).query(`SELECT count(*) AS n FROM pending_upload WHERE id = $1`, [expiring.split('/').pop()]);
    expect(Number(rows[0].n)).toBe(0);
  });
});
