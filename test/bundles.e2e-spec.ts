import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BundleRepository } from '../src/bundles/persistence/bundle.repository.js';
import { BundlePurger } from '../src/bundles/bundle-purger.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

// Set by CI: a real PostgreSQL server, where several connections run at once.
const onPostgres = process.env.DATABASE_URL !== undefined;

const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
const DAY = 24 * 3600 * 1000;

describe('bundle API', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  async function createBundle(body: object = {}) {
    const res = await http().post('/v1/bundles').set(auth).send(body).expect(201);
    return res.body as { id: string; secret: string; fileCount: number; expiresAt: string; filename: string };
  }

  beforeAll(async () => {
    t = await createTestApp({ MAX_FILES_PER_REQUEST: '20000', MAX_FILES_PER_BUNDLE: '120000', MAX_BODY_BYTES: String(4 << 20) });
  });
  afterAll(() => t.close());

  it('creates, reads, appends, lists, updates and deletes a bundle', async () => {
    const created = await createBundle({
      filename: 'Q3 reports',
      files: [{ src: 's3://reports/2026/a.pdf', dst: 'a.pdf' }, { src: 'https://example.com/b.csv' }],
    });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ filename: 'Q3 reports.zip', fileCount: 2 });
    const secret = { 'X-Bundle-Secret': created.secret };

    const read = await http().get(`/v1/bundles/${created.id}`).set(secret).expect(200);
    expect(read.body).toMatchObject({ id: created.id, fileCount: 2, links: { files: `/v1/bundles/${created.id}/files` } });
    expect(read.body).not.toHaveProperty('secret');

    const appended = await http()
      .post(`/v1/bundles/${created.id}/files`)
      .set(secret)
      .send({ files: [{ src: 'file:///docs/c.txt', dst: 'docs/c.txt' }] })
      .expect(200);
    expect(appended.body.fileCount).toBe(3);

    const page1 = await http().get(`/v1/bundles/${created.id}/files?limit=2`).set(secret).expect(200);
    expect(page1.body.items).toEqual([
      { index: 0, src: 's3://reports/2026/a.pdf', dst: 'a.pdf' },
      { index: 1, src: 'https://example.com/b.csv' },
    ]);
    const page2 = await http().get(`/v1/bundles/${created.id}/files?limit=2&cursor=${page1.body.nextCursor}`).set(secret).expect(200);
    expect(page2.body).toEqual({ items: [{ index: 2, src: 'file:///docs/c.txt', dst: 'docs/c.txt' }], nextCursor: null });

    const expiresAt = new Date(Date.now() + 2 * DAY).toISOString();
    const patched = await http().patch(`/v1/bundles/${created.id}`).set(secret).send({ filename: '../evil/name', expiresAt }).expect(200);
    expect(patched.body.filename).toBe('evil_name.zip');
    expect(patched.body.expiresAt).toBe(expiresAt);

    await http().delete(`/v1/bundles/${created.id}`).set(secret).expect(204);
    await http().get(`/v1/bundles/${created.id}`).set(secret).expect(404);
  });

  it('stores only a hash of the secret', async () => {
    const { id, secret } = await createBundle();
    const rows: { secret_hash: Buffer }[] = await t.app.get(DataSource).query('SELECT secret_hash FROM bundle WHERE id = $1', [id]);
    expect(rows[0].secret_hash.length).toBe(32);
    expect(rows[0].secret_hash.toString('base64url')).not.toBe(secret);
    expect(rows[0].secret_hash.toString()).not.toContain(secret);
  });

  describe('the 401 / 404 / 410 rule', () => {
    it('answers 401 without a secret, 404 for a wrong secret or unknown id, alike', async () => {
      const { id } = await createBundle();
      const missing = await http().get(`/v1/bundles/${id}`).expect(401);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body.code).toBe('UNAUTHORIZED');
      const wrong = await http().get(`/v1/bundles/${id}`).set('X-Bundle-Secret', 'nope').expect(404);
      const unknown = await http().get('/v1/bundles/00000000-0000-4000-8000-000000000000').set('X-Bundle-Secret', 'nope').expect(404);
      const malformed = await http().get('/v1/bundles/not-a-uuid').set('X-Bundle-Secret', 'nope').expect(404);
      for (const res of [wrong, unknown, malformed]) {
        expect(res.body).toMatchObject({ code: 'BUNDLE_NOT_FOUND', type: '/problems/bundle-not-found', status: 404 });
      }
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('answers 410 at once when the bundle has expired, before any purge', async () => {
      const { id, secret } = await createBundle();
      t.clock.advance(8 * DAY);
      try {
        const res = await http().get(`/v1/bundles/${id}`).set('X-Bundle-Secret', secret).expect(410);
        expect(res.body.code).toBe('BUNDLE_EXPIRED');
        await http().post(`/v1/bundles/${id}/files`).set('X-Bundle-Secret', secret).send({ files: [{ src: 's3://b-1/k' }] }).expect(410);
        // A wrong secret still reveals nothing.
        await http().get(`/v1/bundles/${id}`).set('X-Bundle-Secret', 'wrong').expect(404);
      } finally {
        t.clock.advance(-8 * DAY);
      }
    });

    it('requires an API key to create, and names a bad one 401', async () => {
      const none = await http().post('/v1/bundles').send({}).expect(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      await http().post('/v1/bundles').set('Authorization', 'Bearer not-a-key').send({}).expect(401);
      await http().post('/v1/bundles').set('Authorization', `Basic ${TEST_API_KEY}`).send({}).expect(401);
    });
  });

  describe('validation at creation', () => {
    it('refuses unknown schemes, malformed URLs and hostile dst values, pointing at each', async () => {
      const res = await http()
        .post('/v1/bundles')
        .set(auth)
        .send({
          files: [
            { src: 'ftp://host/file' },
            { src: 'https://' },
            { src: 's3://Bad_Bucket/key' },
            { src: 's3://bucket-only' },
            { src: 's3://ok-bucket/k', dst: '/etc/passwd' },
            { src: 's3://ok-bucket/k', dst: 'a/../../up.txt' },
            { src: 's3://ok-bucket/k', dst: 'a\\..\\..\\b.txt' },
            { src: 's3://ok-bucket/k', dst: 'nul\u0000byte' },
            { src: 's3://ok-bucket/k', dst: 'C:\\windows' },
            { src: 'https://user:pw@example.com/x' },
            { src: 'not a uri' },
            { src: 'file:///..%2f..%2f..%2fetc%2fshadow' },
          ],
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer);
      expect(pointers).toEqual([
        '/files/0/src', '/files/1/src', '/files/2/src', '/files/3/src', '/files/4/dst',
        '/files/5/dst', '/files/6/dst', '/files/7/dst', '/files/8/dst', '/files/9/src', '/files/10/src', '/files/11/src',
      ]);
    });

    it('refuses unknown properties and wrong types', async () => {
      const res = await http().post('/v1/bundles').set(auth).send({ files: [{ src: 5 }], extra: true }).expect(400);
      const pointers = (res.body.errors as { pointer: string }[]).map((e) => e.pointer).sort();
      expect(pointers).toEqual(['/extra', '/files/0/src']);
    });

    it('refuses an expiry in the past or beyond the maximum lifetime', async () => {
      const past = await http().post('/v1/bundles').set(auth).send({ expiresAt: '2000-01-01T00:00:00Z' }).expect(400);
      expect(past.body.errors).toEqual([{ pointer: '/expiresAt', detail: 'must be in the future' }]);
      await http().post('/v1/bundles').set(auth).send({ expiresAt: '2999-01-01T00:00:00Z' }).expect(400);
      await http().post('/v1/bundles').set(auth).send({ expiresAt: 'tomorrow' }).expect(400);
    });

    it('refuses a disabled provider', async () => {
      const only = await createTestApp({ STORAGE_PROVIDERS: 's3' });
      try {
        const res = await request(only.app.getHttpServer()).post('/v1/bundles').set(auth).send({ files: [{ src: 'https://example.com/x' }] }).expect(400);
        expect(res.body.errors[0].detail).toMatch(/not enabled/);
      } finally {
        await only.close();
      }
    });

    it('refuses bad JSON, oversized bodies and too many files without storing anything', async () => {
      const bad = await http().post('/v1/bundles').set(auth).set('Content-Type', 'application/json').send('{"files": [').expect(400);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
      const huge = 'x'.repeat(5 << 20);
      const big = await http().post('/v1/bundles').set(auth).send({ filename: huge }).expect(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const files = Array.from({ length: 20001 }, (_, i) => ({ src: `s3://bucket-a/${i}` }));
      const many = await http().post('/v1/bundles').set(auth).send({ files }).expect(422);
      expect(many.body.code).toBe('TOO_MANY_FILES');
    });
  });

  it('holds 100,000+ files, appended in batches, each costing only what it adds', async () => {
    const { id, secret } = await createBundle();
    const batch = (n: number) => Array.from({ length: 20000 }, (_, i) => ({ src: `s3://bucket-a/k/${n}/${i}`, dst: `d/${n}/${i}.bin` }));
    const timings: number[] = [];
    for (let n = 0; n < 6; n++) {
      const started = performance.now();
      const res = await http().post(`/v1/bundles/${id}/files`).set('X-Bundle-Secret', secret).send({ files: batch(n) }).expect(200);
      timings.push(performance.now() - started);
      expect(res.body.fileCount).toBe((n + 1) * 20000);
    }
    const last = await http().get(`/v1/bundles/${id}/files?limit=1000&cursor=${Buffer.from('i:119999').toString('base64url')}`).set('X-Bundle-Secret', secret).expect(200);
    expect(last.body).toEqual({ items: [{ index: 119999, src: 's3://bucket-a/k/5/19999', dst: 'd/5/19999.bin' }], nextCursor: null });
    const over = await http().post(`/v1/bundles/${id}/files`).set('X-Bundle-Secret', secret).send({ files: [{ src: 's3://bucket-a/x' }] }).expect(422);
    expect(over.body.code).toBe('TOO_MANY_FILES');
    // The sixth append must not cost much more than the first: no work grows with the bundle.
    expect(timings[5]).toBeLessThan(Math.max(timings[0] * 4, 2000));
  });

  it('gives concurrent appends distinct, gap-free positions', async () => {
    const { id, secret } = await createBundle();
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        http().post(`/v1/bundles/${id}/files`).set('X-Bundle-Secret', secret).send({ files: [{ src: `s3://bucket-a/${n}/x` }, { src: `s3://bucket-a/${n}/y` }] }).expect(200),
      ),
    );
    const page = await http().get(`/v1/bundles/${id}/files?limit=100`).set('X-Bundle-Secret', secret).expect(200);
    expect(page.body.items.map((f: { index: number }) => f.index)).toEqual([...Array(16).keys()]);
    // Each request's two files stay adjacent.
    const srcs: string[] = page.body.items.map((f: { src: string }) => f.src);
    for (let i = 0; i < 16; i += 2) expect(srcs[i].replace(/x$/, 'y')).toBe(srcs[i + 1]);
  });

  it('rejects a cursor it did not issue', async () => {
    const { id, secret } = await createBundle();
    const res = await http().get(`/v1/bundles/${id}/files?cursor=garbage`).set('X-Bundle-Secret', secret).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });

  describe('purge', () => {
    it('deletes expired bundles and their files, is idempotent, and skips rows another purge holds (PostgreSQL)', async () => {
      const soon = new Date(Date.now() + 60_000).toISOString();
      const expiring = await Promise.all([1, 2, 3].map(() => createBundle({ expiresAt: soon, files: [{ src: 's3://bucket-a/x' }] })));
      const staying = await createBundle({ files: [{ src: 's3://bucket-a/y' }] });
      t.clock.advance(120_000);
      try {
        const purger = t.app.get(BundlePurger);
        if (onPostgres) {
          // Another instance is deleting one of them (its row is locked): this purge skips
          // it instead of waiting, and deletes the others. (The embedded database runs one
          // connection's transaction at a time, so no two purges ever overlap there.)
          const other = t.app.get(DataSource).createQueryRunner();
          await other.connect();
          await other.startTransaction();
          try {
            await other.query('SELECT id FROM bundle WHERE id = $1 FOR UPDATE', [expiring[0].id]);
            let waited: NodeJS.Timeout | undefined;
            const blocked = new Promise<never>((_, reject) => (waited = setTimeout(() => reject(new Error('the purge waited for a locked row')), 10_000)));
            const deleted = await Promise.race([t.app.get(BundleRepository).deleteExpired(t.clock.now(), 500), blocked]).finally(() => clearTimeout(waited));
            expect(deleted).toBe(2);
          } finally {
            await other.rollbackTransaction();
            await other.release();
          }
          expect(await purger.purge()).toBe(1);
        } else {
          expect(await purger.purge()).toBe(3);
        }
        expect(await purger.purge()).toBe(0);
        const left: unknown[] = await t.app.get(DataSource).query('SELECT 1 FROM bundle_file WHERE bundle_id = ANY($1)', [expiring.map((b) => b.id)]);
        expect(left).toHaveLength(0);
        await http().get(`/v1/bundles/${staying.id}`).set('X-Bundle-Secret', staying.secret).expect(200);
      } finally {
        t.clock.advance(-120_000);
      }
    });
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await http().get('/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', type: '/problems/not-found', instance: '/v1/nothing-here' });
    const doc = await http().get('/problems/not-found').expect(200);
    expect(doc.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
