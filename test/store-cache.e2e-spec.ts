import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { S3TestServer } from './support/s3-server.js';
import { DataSource } from 'typeorm';
import { authed, forgetEncryptedFiles, type StoredFileBody } from './support/store-client.js';
import { listeningTestApp, type TestApp } from './support/test-app.js';

const KiB = 1024;
const MiB = 1 << 20;
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const KEY = `k1:${randomBytes(32).toString('base64')}`;

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
}

async function upload(base: string, data: Buffer): Promise<StoredFileBody> {
  const res = await authed(`${base}/v1/files?filename=f.bin`, { method: 'POST', body: data });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return (await res.json()) as StoredFileBody;
}

async function content(base: string, id: string, range?: string): Promise<Buffer> {
  const res = await authed(`${base}/v1/files/${id}/content`, { headers: range ? { Range: range } : {} });
  if (res.status !== 200 && res.status !== 206) throw new Error(`download: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The hot cache over the S3 store (encrypted), with the S3 test server's request log as the witness. */
describe('the hot cache, S3 store', () => {
  const s3 = new S3TestServer();
  const BUCKET = 'cached-store';
  let a: { t: TestApp; base: string };
  let b: { t: TestApp; base: string };

  beforeAll(async () => {
    await s3.start();
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const env = { ...s3.env(), STORE_BACKEND: 's3', STORE_S3_BUCKET: BUCKET, STORE_ENCRYPTION_KEYS: KEY, STORE_MAX_FILE_BYTES: String(1024 * MiB) };
    // Two instances on one database and one bucket: each has its own cache.
    a = await listeningTestApp(env);
    b = await listeningTestApp(env);
  });
  afterAll(async () => {
    await forgetEncryptedFiles(a.t.app.get(DataSource));
    await a.t.close();
    await b.t.close();
    await s3.stop();
  });

  it('serves a file right after its upload, whole, in ranges and in a zip, with no request to S3', async () => {
    const data = randomBytes(100 * KiB);
    const file = await upload(a.base, data);
    s3.requests.length = 0;
    expect(sha(await content(a.base, file.id))).toBe(sha(data));
    expect((await content(a.base, file.id, 'bytes=65535-65537')).equals(data.subarray(65535, 65538))).toBe(true);
    const res = await authed(`${a.base}/v1/bundles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ src: file.src }] }) });
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    const zip = await fetch(`${a.base}/v1/bundles/${id}/download`, { headers: { 'X-Bundle-Secret': secret } });
    expect(zip.status).toBe(200);
    // Stored entries are framed in blocks of 65,535 bytes: the first block is there as it is.
    expect(Buffer.from(await zip.arrayBuffer()).includes(data.subarray(0, 60_000))).toBe(true);
    expect(s3.requests).toEqual([]);
    expect(await metric(a.base, 'store_cache_hits_total')).toBeGreaterThanOrEqual(3);
  });

  it('makes one S3 read for concurrent misses of one file', async () => {
    const data = randomBytes(300 * KiB);
    const file = await upload(a.base, data);
    s3.requests.length = 0;
    const reads = async () => (await metric(b.base, 'store_cache_misses_total')) + (await metric(b.base, 'store_cache_hits_total'));
    const before = await reads();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => content(b.base, file.id)));
    expect(new Set(bodies.map(sha))).toEqual(new Set([sha(data)]));
    expect(s3.requests.filter((r) => r.startsWith(`GET /${BUCKET}/${file.id}`))).toHaveLength(1);
    expect(await reads()).toBe(before + 20);
    // And then it is there.
    s3.requests.length = 0;
    await content(b.base, file.id);
    expect(s3.requests).toEqual([]);
  });

  it('reads a file over the per-file limit from the store, and forgets a deleted file', async () => {
    const big = randomBytes(MiB + 1);
    const file = await upload(a.base, big);
    s3.requests.length = 0;
    expect(sha(await content(a.base, file.id))).toBe(sha(big));
    expect(s3.requests.filter((r) => r.startsWith('GET '))).toHaveLength(1);

    const small = await upload(a.base, randomBytes(50 * KiB));
    const held = await metric(a.base, 'store_cache_bytes');
    expect((await authed(`${a.base}/v1/files/${small.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await metric(a.base, 'store_cache_bytes')).toBe(held - 50 * KiB);
  });
});

describe('the hot cache\'s bounds', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-cache-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds at most CACHE_MAX_BYTES (64 MiB by default) through 2,000 distinct 100 KiB files, evicting the oldest', async () => {
    const { t, base } = await listeningTestApp({ STORE_DIR: join(work, 'bounded') });
    try {
      const files: { id: string; sha: string }[] = [];
      let peak = 0;
      for (let i = 0; i < 2000; i += 8) {
        const batch = Array.from({ length: 8 }, () => randomBytes(100 * KiB));
        const stored = await Promise.all(batch.map((d) => upload(base, d)));
        stored.forEach((f, j) => files.push({ id: f.id, sha: sha(batch[j]) }));
        if (i % 200 === 0) peak = Math.max(peak, await metric(base, 'store_cache_bytes'));
      }
      const held = await metric(base, 'store_cache_bytes');
      peak = Math.max(peak, held);
      expect(peak).toBeLessThanOrEqual(64 * MiB);
      // Full: within one file of the bound.
      expect(held).toBeGreaterThan(64 * MiB - 100 * KiB);
      const fits = Math.floor((64 * MiB) / (100 * KiB));
      expect(await metric(base, 'store_cache_evictions_total')).toBe(2000 - fits);
      // The newest are hits, the oldest come from disk again; both are right.
      const hits = await metric(base, 'store_cache_hits_total');
      for (const f of [...files.slice(-5), ...files.slice(0, 5)]) expect(sha(await content(base, f.id))).toBe(f.sha);
      expect(await metric(base, 'store_cache_hits_total')).toBe(hits + 5);
    } finally {
      await t.close();
    }
  }, 180_000);

  it('lets entries go after CACHE_TTL_SECONDS, swept without a read', async () => {
    const { t, base } = await listeningTestApp({ STORE_DIR: join(work, 'ttl'), CACHE_TTL_SECONDS: '1' });
    try {
      await upload(base, randomBytes(10 * KiB));
      expect(await metric(base, 'store_cache_bytes')).toBe(10 * KiB);
      await eventually(async () => (await metric(base, 'store_cache_bytes')) === 0, 10_000, 'the stale entry to be swept');
    } finally {
      await t.close();
    }
  });
});
