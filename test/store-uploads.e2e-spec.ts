import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually.js';
import { sha256Of } from './support/streams.js';
import { authed, curlUpload, digestOf, type StoredFileBody } from './support/store-client.js';
import { listeningTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const MiB = 1 << 20;
const OTHER_KEY = 'other-api-key-0123456789abcdef';

/** One-request uploads to the local store, driven by curl as users run it. */
describe('uploads to the local store', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-uploads-'));
  const storeDir = join(work, 'store');
  let t: TestApp;
  let base: string;
  let db: DataSource;

  const rows = async (): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM stored_file`))[0].n);
  const temporaries = () => (existsSync(join(storeDir, 'tmp')) ? readdirSync(join(storeDir, 'tmp')) : []);

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ STORE_DIR: storeDir, API_KEYS: `test-api-key-0123456789abcdef,${OTHER_KEY}`, STORE_MAX_FILE_BYTES: String(2 * 1024 * MiB) }));
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('stores a 1 GiB `curl -T` upload byte for byte, and serves it back', async () => {
    const path = join(work, 'big.bin');
    await run('dd', ['if=/dev/urandom', `of=${path}`, 'bs=1M', 'count=1024', 'status=none']);
    const source = await sha256Of(createReadStream(path));
    // As curl users write it: the URL ends in a slash, so curl sends PUT /v1/files/big.bin.
    const { status, body } = await curlUpload(base, ['-T', path], undefined, '/v1/files/');
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: 'big.bin', size: 1024 * MiB, digest: digestOf(source) });
    const id = body.id as string;
    // The bytes on disk, and the bytes served.
    expect(await sha256Of(createReadStream(join(storeDir, id.slice(0, 2), id)))).toBe(source);
    const { stdout } = await run('bash', ['-c', `curl -sS -H 'Authorization: Bearer test-api-key-0123456789abcdef' ${base}/v1/files/${id}/content | sha256sum`]);
    expect(stdout.slice(0, 64)).toBe(source);
    rmSync(path);
  });

  it('stores each file of a `curl -F` form, with its name and type', async () => {
    const a = randomBytes(3 * MiB + 7);
    const b = Buffer.from('Grüße, plain text\n');
    writeFileSync(join(work, 'a.bin'), a);
    writeFileSync(join(work, 'b.txt'), b);
    const { status, body } = await curlUpload(base, ['-F', `first=@${join(work, 'a.bin')}`, '-F', 'note=ignored', '-F', `second=@${join(work, 'b.txt')};type=text/plain;filename=Grüße.txt`]);
    expect(status).toBe(201);
    const files = body.files as StoredFileBody[];
    expect(files.map((f) => [f.name, f.size, f.contentType])).toEqual([
      ['a.bin', a.length, 'application/octet-stream'],
      ['Grüße.txt', b.length, 'text/plain'],
    ]);
    for (const [i, data] of [a, b].entries()) {
      const res = await authed(`${base}/v1/files/${files[i].id}/content`);
      expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('checks Content-Digest: a mismatch answers 400 and keeps nothing', async () => {
    const data = randomBytes(MiB);
    const before = await rows();
    const wrong = await authed(`${base}/v1/files?filename=x.bin`, { method: 'POST', body: data, headers: { 'Content-Digest': `sha-256=:${createHash('sha256').update('other').digest('base64')}:` } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'DIGEST_MISMATCH', type: '/problems/digest-mismatch' });
    expect(await rows()).toBe(before);
    expect(temporaries()).toEqual([]);
    const right = await authed(`${base}/v1/files?filename=x.bin`, { method: 'POST', body: data, headers: { 'Content-Digest': `sha-256=:${createHash('sha256').update(data).digest('base64')}:` } });
    expect(right.status).toBe(201);
  });

  it('serves ranges, If-Range, If-None-Match and HEAD with a strong ETag from the SHA-256', async () => {
    const data = randomBytes(200_000);
    const file = (await (await authed(`${base}/v1/files?filename=r.bin`, { method: 'POST', body: data })).json()) as StoredFileBody;
    expect(file.etag).toBe(`"${createHash('sha256').update(data).digest('base64url')}"`);
    const url = `${base}/v1/files/${file.id}/content`;
    const head = await authed(url, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), head.headers.get('etag'), head.headers.get('accept-ranges')]).toEqual([200, '200000', file.etag, 'bytes']);
    const part = await authed(url, { headers: { Range: 'bytes=65530-65545' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 65530-65545/200000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(data.subarray(65530, 65546));
    const stale = await authed(url, { headers: { Range: 'bytes=0-9', 'If-Range': '"another"' } });
    expect([stale.status, (await stale.arrayBuffer()).byteLength]).toEqual([200, data.length]);
    expect((await authed(url, { headers: { 'If-None-Match': file.etag } })).status).toBe(304);
    expect((await authed(url, { headers: { Range: 'bytes=300000-' } })).status).toBe(416);
  });

  it('shows a file to its own API key only: another key gets 404 everywhere', async () => {
    const file = (await (await authed(`${base}/v1/files?filename=mine.txt`, { method: 'POST', body: 'mine' })).json()) as StoredFileBody;
    for (const [path, method] of [[`/v1/files/${file.id}`, 'GET'], [`/v1/files/${file.id}/content`, 'GET'], [`/v1/files/${file.id}/content`, 'HEAD'], [`/v1/files/${file.id}`, 'DELETE']] as const) {
      const res = await authed(`${base}${path}`, { method }, OTHER_KEY);
      expect([path, method, res.status]).toEqual([path, method, 404]);
    }
    const theirs = (await (await authed(`${base}/v1/files?limit=1000`, {}, OTHER_KEY)).json()) as { items: StoredFileBody[] };
    expect(theirs.items.map((f) => f.id)).not.toContain(file.id);
    const bundle = await authed(`${base}/v1/bundles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ src: 'https://example.com/a' }, { src: file.src }] }) }, OTHER_KEY);
    expect(bundle.status).toBe(400);
    expect(((await bundle.json()) as { errors: { pointer: string }[] }).errors).toEqual([expect.objectContaining({ pointer: '/files/1/src' })]);
    expect((await authed(`${base}/v1/files/${file.id}`)).status).toBe(200);
  });

  it('pages through the files, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await authed(`${base}/v1/files?filename=p${i}`, { method: 'POST', body: String(i) }, OTHER_KEY)).json()) as StoredFileBody).id);
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = (await (await authed(`${base}/v1/files?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {}, OTHER_KEY)).json()) as { items: StoredFileBody[]; nextCursor: string | null };
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('refuses a file over STORE_MAX_FILE_BYTES with 413, announced or streamed, and keeps nothing', async () => {
    const { t: small, base: smallBase } = await listeningTestApp({ STORE_DIR: storeDir, STORE_MAX_FILE_BYTES: String(MiB) });
    try {
      const before = await rows();
      const announced = await authed(`${smallBase}/v1/files`, { method: 'POST', body: randomBytes(MiB + 1) });
      expect(announced.status).toBe(413);
      expect(await announced.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
      const { status, body } = await curlUpload(smallBase, ['-H', 'Transfer-Encoding: chunked', '--data-binary', `@${join(work, 'a.bin')}`]);
      expect([status, body.code]).toEqual([413, 'FILE_TOO_LARGE']);
      expect(await rows()).toBe(before);
      expect(temporaries()).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('keeps each API key within STORE_QUOTA_BYTES: 507 past it, nothing kept', async () => {
    const { t: quota, base: quotaBase } = await listeningTestApp({ STORE_DIR: storeDir, API_KEYS: 'quota-key-0123456789abcdef', STORE_QUOTA_BYTES: String(2 * MiB) });
    try {
      const key = 'quota-key-0123456789abcdef';
      expect((await authed(`${quotaBase}/v1/files`, { method: 'POST', body: randomBytes(1.5 * MiB) }, key)).status).toBe(201);
      const over = await authed(`${quotaBase}/v1/files`, { method: 'POST', body: randomBytes(MiB) }, key);
      expect(over.status).toBe(507);
      expect(await over.json()).toMatchObject({ code: 'QUOTA_EXCEEDED', type: '/problems/quota-exceeded' });
      expect((await authed(`${quotaBase}/v1/files`, { method: 'POST', body: randomBytes(0.4 * MiB) }, key)).status).toBe(201);
      expect(temporaries()).toEqual([]);
    } finally {
      await quota.close();
    }
  });

  it('leaves no row and no temporary file when the client disconnects mid-upload', async () => {
    const before = await rows();
    // 64 MiB announced, at most 5 MiB sent at 1 MiB/s, and the client killed on the way.
    writeFileSync(join(work, 'five.bin'), randomBytes(5 * MiB));
    const curl = spawn('curl', ['-sS', '-X', 'POST', '-H', 'Authorization: Bearer test-api-key-0123456789abcdef', '-H', `Content-Length: ${64 * MiB}`, '--limit-rate', '1M', '-T', join(work, 'five.bin'), `${base}/v1/files`], { stdio: 'ignore' });
    await eventually(() => temporaries().length > 0, 20_000, 'the upload to begin');
    curl.kill('SIGKILL');
    await eventually(() => temporaries().length === 0, 20_000, 'the temporary file to go');
    expect(await rows()).toBe(before);
  });

  it('answers 507 on a full disk and leaves nothing behind', async () => {
    const mount = join(work, 'full');
    await run('mkdir', ['-p', mount]);
    await run('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', mount]);
    const { t: full, base: fullBase } = await listeningTestApp({ STORE_DIR: mount });
    try {
      const before = await rows();
      const res = await authed(`${fullBase}/v1/files?filename=huge.bin`, { method: 'POST', body: randomBytes(12 * MiB) });
      expect(res.status).toBe(507);
      expect(await res.json()).toMatchObject({ code: 'STORE_FULL' });
      expect(await rows()).toBe(before);
      expect(readdirSync(join(mount, 'tmp'))).toEqual([]);
      // Room again for what fits.
      expect((await authed(`${fullBase}/v1/files?filename=small.bin`, { method: 'POST', body: randomBytes(MiB) })).status).toBe(201);
    } finally {
      await full.close();
      await run('umount', [mount]);
    }
  });
});
