import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import request from 'supertest';
import { S3StorageProvider } from '../src/storage/s3/s3.storage-provider.js';
import { Storage } from '../src/storage/storage.js';
import { S3TestServer } from './support/s3-server.js';
import { sha256, sha256Of } from './support/streams.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const data = randomBytes(8 * 1024 * 1024 + 5);

function socketsInUse(provider: S3StorageProvider): number {
  return Object.values(provider.httpAgent.sockets).reduce((n, list) => n + (list?.length ?? 0), 0);
}

describe('S3 storage provider (against s3rver)', () => {
  const s3 = new S3TestServer();
  let t: TestApp;
  let storage: Storage;

  beforeAll(async () => {
    await s3.start();
    await s3.put('bundle-src', 'data/big.bin', data);
    await s3.put('bundle-src', 'dir with space/ü.txt', Buffer.from('unicode key'));
    await s3.put('other-bucket', 'x.txt', Buffer.from('not allowed'));
    t = await createTestApp({ ...s3.env(), S3_ALLOWED_BUCKETS: 'bundle-src', STORAGE_CONCURRENCY: '4', STORAGE_RETRY_BASE_MS: '5' });
    storage = t.app.get(Storage);
  });
  afterAll(async () => {
    await t.close();
    await s3.stop();
  });

  it('stats and streams an object, whole and by range, byte for byte', async () => {
    const stat = await storage.stat('s3://bundle-src/data/big.bin');
    expect(stat).toMatchObject({ size: data.length, etag: expect.stringMatching(/^".+"$/) });
    expect(stat.crc32).toBeUndefined(); // s3rver stores no checksums
    expect(await sha256Of(storage.open('s3://bundle-src/data/big.bin'))).toBe(sha256(data));
    expect(await sha256Of(storage.open('s3://bundle-src/data/big.bin', { start: 123, end: 4_000_000 }))).toBe(sha256(data.subarray(123, 4_000_001)));
    expect(await sha256Of(storage.open('s3://bundle-src/dir with space/ü.txt'))).toBe(sha256(Buffer.from('unicode key')));
  });

  it('maps a missing key and a bucket outside the allow-list to stable codes', async () => {
    await expect(storage.stat('s3://bundle-src/nope')).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    await expect(sha256Of(storage.open('s3://bundle-src/nope'))).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    const res = await request(t.app.getHttpServer())
      .post('/v1/bundles')
      .set('Authorization', `Bearer ${TEST_API_KEY}`)
      .send({ files: [{ src: 's3://other-bucket/x.txt' }] })
      .expect(400);
    expect(res.body.errors[0].detail).toMatch(/S3_ALLOWED_BUCKETS/);
  });

  it('refuses to continue with a changed object, even though the server ignores If-Match', async () => {
    await s3.put('bundle-src', 'changing.bin', Buffer.from('version one'));
    const { etag } = await storage.stat('s3://bundle-src/changing.bin');
    await s3.put('bundle-src', 'changing.bin', Buffer.from('version two!'));
    await expect(sha256Of(storage.open('s3://bundle-src/changing.bin', { etag }))).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
  });

  it('returns every socket after 200 reads aborted mid-body, so a pool of 4 keeps serving', async () => {
    const provider = t.app.get(S3StorageProvider);
    for (let i = 0; i < 200; i++) {
      const stream = storage.open('s3://bundle-src/data/big.bin');
      await new Promise<void>((resolve, reject) => {
        stream.once('data', () => resolve());
        stream.once('error', reject);
      });
      stream.destroy();
    }
    await eventually(() => socketsInUse(provider) === 0, 10_000, 'the S3 sockets to be given back');
    const started = Date.now();
    expect(await sha256Of(storage.open('s3://bundle-src/data/big.bin'))).toBe(sha256(data));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('checks the allowed bucket for readiness, and tells how many it checked, not which', async () => {
    const ready = await request(t.app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.details['storage:s3']).toEqual({ status: 'up', buckets: 1 });
    expect(ready.body.details['storage:file']).toMatchObject({ status: 'up' });
  });
});
