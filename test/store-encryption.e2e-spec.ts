import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CuttingProxy } from './support/cutting-proxy.js';
import { S3TestServer } from './support/s3-server.js';
import { DataSource } from 'typeorm';
import { authed, curlUpload, forgetEncryptedFiles, type StoredFileBody, tusUpload } from './support/store-client.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';

const run = promisify(execFile);
const KiB = 1024;
const MiB = 1 << 20;
const SEGMENT = 64 * KiB;
const HEADER = 40;
const SEALED = SEGMENT + 16;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const MARKER = Buffer.from('PLAINTEXT-MARKER-7f3a9c');
const KEY = `k1:${randomBytes(32).toString('base64')}`;

/** Random bytes with the marker written every 4 KiB: any plaintext that reaches the store shows. */
function marked(size: number): Buffer {
  const data = randomBytes(size);
  for (let at = 0; at + MARKER.length <= size; at += 4 * KiB) MARKER.copy(data, at);
  return data;
}

/** curl's view of a download: its exit code tells a body that broke off from one that ended. */
async function curl(url: string, headers: string[] = []): Promise<{ exit: number; status: number; body: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-curl-'));
  const out = join(dir, 'body');
  writeFileSync(out, '');
  try {
    const args = ['-sS', '-o', out, '-w', '%{http_code}', '-H', `Authorization: Bearer ${TEST_API_KEY}`, ...headers.flatMap((h) => ['-H', h]), url];
    const { exit, stdout } = await run('curl', args).then(
      (r) => ({ exit: 0, stdout: r.stdout }),
      (err: { code: number; stdout: string }) => ({ exit: err.code, stdout: err.stdout }),
    );
    return { exit, status: Number(stdout), body: readFileSync(out) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function integrityFailures(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^store_integrity_failures_total (\S+)/m.exec(text)?.[1] ?? NaN);
}

describe('encryption at rest, local store', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-encrypted-'));
  const storeDir = join(work, 'store');
  let t: TestApp;
  let base: string;

  const upload = async (data: Buffer, name = 'f.bin') => (await (await authed(`${base}/v1/files?filename=${name}`, { method: 'POST', body: data })).json()) as StoredFileBody;
  const pathOf = (id: string) => join(storeDir, id.slice(0, 2), id);

  beforeAll(async () => {
    // No cache: every read here goes through decryption.
    ({ t, base } = await listeningTestApp({ STORE_DIR: storeDir, STORE_ENCRYPTION_KEYS: KEY, CACHE_MAX_BYTES: '0' }));
  });
  afterAll(async () => {
    await forgetEncryptedFiles(t.app.get(DataSource));
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps no plaintext in the store, whichever way the files came in, and serves them byte for byte', async () => {
    const raw = marked(3 * MiB + 7);
    const rawFile = await upload(raw, 'raw.bin');
    writeFileSync(join(work, 'form.bin'), marked(200 * KiB));
    const form = await curlUpload(base, ['-F', `a=@${join(work, 'form.bin')}`]);
    expect(form.status).toBe(201);
    const formFile = (form.body.files as StoredFileBody[])[0];
    // tus in requests that end inside segments (and one on a boundary's neighbour).
    const tusData = marked(2 * MiB + 5);
    const tusUrl = await tusUpload(base, tusData, 300 * KiB + 1);
    const tusId = tusUrl.split('/').pop()!;

    for (const path of filesUnder(storeDir)) expect([path, readFileSync(path).includes(MARKER)]).toEqual([path, false]);
    // The ciphertext has the size the format gives: header, segments, tags.
    expect(statSync(pathOf(rawFile.id)).size).toBe(HEADER + raw.length + Math.ceil(raw.length / SEGMENT) * 16);

    for (const [id, data] of [[rawFile.id, raw], [formFile.id, readFileSync(join(work, 'form.bin'))], [tusId, tusData]] as const) {
      const got = await curl(`${base}/v1/files/${id}/content`);
      expect([got.exit, got.status, sha(got.body)]).toEqual([0, 200, sha(data)]);
    }
    const meta = (await (await authed(`${base}/v1/files/${rawFile.id}`)).json()) as StoredFileBody;
    expect(meta.digest).toBe(`sha-256=:${createHash('sha256').update(raw).digest('base64')}:`);
  });

  it('serves ranges at segment boundaries ±1 from the segments that cover them', async () => {
    const data = marked(5 * SEGMENT + 123);
    const file = await upload(data);
    const edges = [1, 2, 4, 5].flatMap((k) => [k * SEGMENT - 1, k * SEGMENT, k * SEGMENT + 1]);
    const ranges: [number, number][] = [[0, 0], [0, SEGMENT], ...edges.map((e): [number, number] => [e, e]), ...edges.map((e): [number, number] => [e - 1, e + 1]), [SEGMENT + 1, 5 * SEGMENT + 122], [5 * SEGMENT, 5 * SEGMENT + 122]];
    for (const [start, end] of ranges) {
      const res = await authed(`${base}/v1/files/${file.id}/content`, { headers: { Range: `bytes=${start}-${end}` } });
      expect([start, end, res.status, res.headers.get('content-range')]).toEqual([start, end, 206, `bytes ${start}-${end}/${data.length}`]);
      expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, end + 1))).toBe(true);
    }
  });

  it('makes zips of encrypted files that Info-ZIP and Python read back equal to the sources, with an exact Content-Length, resumable by range', async () => {
    const sources = [marked(2 * MiB + 1), marked(SEGMENT), Buffer.alloc(0)];
    const files = [];
    for (const [i, data] of sources.entries()) files.push(await upload(data, `part-${i}.bin`));
    const res = await authed(`${base}/v1/bundles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: files.map((f) => ({ src: f.src })) }) });
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    const zip = await curl(`${base}/v1/bundles/${id}/download`, [`X-Bundle-Secret: ${secret}`]);
    expect([zip.exit, zip.status]).toEqual([0, 200]);
    const path = join(work, 'bundle.zip');
    writeFileSync(path, zip.body);
    await unzipTest(path);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    // The cover sheet (MANIFEST.*) follows the files.
    expect(check.entries.slice(0, 3).map((e) => [e.name, e.sha256])).toEqual(sources.map((d, i) => [`part-${i}.bin`, sha(d)]));
    const head = await fetch(`${base}/v1/bundles/${id}/download`, { method: 'HEAD', headers: { 'X-Bundle-Secret': secret } });
    expect(Number(head.headers.get('content-length'))).toBe(zip.body.length);
    // A broken download resumes: a range across a segment edge of the first file is the same bytes.
    const from = 1000 + SEGMENT - 7;
    const part = await fetch(`${base}/v1/bundles/${id}/download`, { headers: { 'X-Bundle-Secret': secret, Range: `bytes=${from}-`, 'If-Range': head.headers.get('etag')! } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(zip.body.subarray(from))).toBe(true);
  });

  describe('a download of tampered ciphertext fails visibly and is counted', () => {
    const tamperings: [string, (ct: Buffer, other: Buffer) => Buffer][] = [
      ['one byte flipped', (ct) => { const out = Buffer.from(ct); out[HEADER + 2 * SEALED + 100] ^= 0x20; return out; }],
      ['two segments swapped', (ct) => Buffer.concat([ct.subarray(0, HEADER + SEALED), ct.subarray(HEADER + 2 * SEALED, HEADER + 3 * SEALED), ct.subarray(HEADER + SEALED, HEADER + 2 * SEALED), ct.subarray(HEADER + 3 * SEALED)])],
      ['the last segment truncated', (ct) => ct.subarray(0, ct.length - 10)],
      ['another file\'s ciphertext copied over it', (_ct, other) => other],
    ];
    it.each(tamperings)('%s', async (_what, tamper) => {
      const data = marked(4 * SEGMENT + 500);
      const [file, other] = [await upload(data), await upload(marked(4 * SEGMENT + 500))];
      writeFileSync(pathOf(file.id), tamper(readFileSync(pathOf(file.id)), readFileSync(pathOf(other.id))));
      const before = await integrityFailures(base);
      const got = await curl(`${base}/v1/files/${file.id}/content`);
      // Headers went out with the full length; the body broke off (curl 18: partial file), or a 502 came first.
      expect(got.exit !== 0 || got.status === 502).toBe(true);
      expect(got.body.length).toBeLessThan(data.length);
      expect(got.body.includes(MARKER) && !data.subarray(0, got.body.length).equals(got.body)).toBe(false);
      expect(await integrityFailures(base)).toBe(before + 1);
    });

    it('in a zip too: the download breaks off, and no reader takes it for whole', async () => {
      const data = marked(4 * SEGMENT + 500);
      const file = await upload(data, 'victim.bin');
      const ct = Buffer.from(readFileSync(pathOf(file.id)));
      ct[HEADER + 3 * SEALED + 7] ^= 1;
      writeFileSync(pathOf(file.id), ct);
      const res = await authed(`${base}/v1/bundles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ src: file.src }] }) });
      const { id, secret } = (await res.json()) as { id: string; secret: string };
      const zip = await curl(`${base}/v1/bundles/${id}/download`, [`X-Bundle-Secret: ${secret}`]);
      expect(zip.exit).not.toBe(0);
      const path = join(work, 'broken.zip');
      writeFileSync(path, zip.body);
      await expect(unzipTest(path)).rejects.toThrow();
    });
  });
});

describe('encryption at rest, S3 store', () => {
  const s3 = new S3TestServer();
  const BUCKET = 'encrypted-store';
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    await s3.start();
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    ({ t, base } = await listeningTestApp({ ...s3.env(), STORE_BACKEND: 's3', STORE_S3_BUCKET: BUCKET, STORE_ENCRYPTION_KEYS: KEY, CACHE_MAX_BYTES: '0', STORE_MAX_FILE_BYTES: String(1024 * MiB) }));
  });
  afterAll(async () => {
    await forgetEncryptedFiles(t.app.get(DataSource));
    await t.close();
    await s3.stop();
  });

  const objects = async () => ((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!);
  const object = async (key: string) => Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());

  it('keeps no plaintext in the bucket, across parts and tus requests, and serves the files byte for byte', async () => {
    const raw = marked(11 * MiB + 3);
    const file = (await (await authed(`${base}/v1/files?filename=raw.bin`, { method: 'POST', body: raw })).json()) as StoredFileBody;
    const tusData = marked(7 * MiB + 9);
    const tusUrl = await tusUpload(base, tusData, 3 * MiB + 1);
    for (const key of await objects()) expect([key, (await object(key)).includes(MARKER)]).toEqual([key, false]);
    for (const [id, data] of [[file.id, raw], [tusUrl.split('/').pop()!, tusData]] as const) {
      const got = await curl(`${base}/v1/files/${id}/content`);
      expect([got.exit, got.status, sha(got.body)]).toEqual([0, 200, sha(data)]);
      const start = 5 * MiB - 1;
      const res = await authed(`${base}/v1/files/${id}/content`, { headers: { Range: `bytes=${start}-${start + 2 * SEGMENT}` } });
      expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(start, start + 2 * SEGMENT + 1))).toBe(true);
    }
  });

  it('resumes a tus upload whose one request broke off inside a segment', async () => {
    const data = marked(6 * MiB + 11);
    const proxy = await new CuttingProxy(Number(new URL(base).port), [5 * MiB + 1000]).start();
    try {
      const url = await tusUpload(`http://127.0.0.1:${proxy.port}`, data, Infinity);
      expect(proxy.cuts).toHaveLength(1);
      const got = await curl(`${base}/v1/files/${url.split('/').pop()}/content`);
      expect([got.exit, sha(got.body)]).toEqual([0, sha(data)]);
      for (const key of await objects()) expect([key, (await object(key)).includes(MARKER)]).toEqual([key, false]);
    } finally {
      await proxy.stop();
    }
  });

  it('fails a download of an object whose ciphertext was changed in the bucket', async () => {
    const data = marked(3 * SEGMENT + 1);
    const file = (await (await authed(`${base}/v1/files?filename=x.bin`, { method: 'POST', body: data })).json()) as StoredFileBody;
    const ct = await object(file.id);
    ct[HEADER + SEALED + 1] ^= 1;
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: file.id, Body: ct }));
    const before = await integrityFailures(base);
    const got = await curl(`${base}/v1/files/${file.id}/content`);
    expect(got.exit !== 0 || got.status === 502).toBe(true);
    expect(await integrityFailures(base)).toBe(before + 1);
  });
});
