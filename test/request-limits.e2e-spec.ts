import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { encodeFileCursor } from '../src/bundles/file-cursor.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
const MAX = 1000;

/**
 * What a request may cost before it is refused: who asks is known before the
 * body is parsed, a file list is counted before it is validated, and no input,
 * however odd, answers 500.
 */
describe('request limits', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp({ MAX_FILES_PER_REQUEST: String(MAX), MAX_FILES_PER_BUNDLE: '100000' });
  });
  afterAll(() => t.close());

  const refs = (n: number, src: unknown = 's3://bucket/key') => Array.from({ length: n }, (_, i) => ({ src, dst: `f${i}.bin` }));

  it('gives one-off archives the same file limit as bundles', async () => {
    const res = await http().post('/v1/archives').set(auth).send({ files: refs(MAX + 1) }).expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe('TOO_MANY_FILES');
  });

  it('counts a file list before validating it', async () => {
    // Every reference is wrong; the count alone decides.
    const res = await http().post('/v1/bundles').set(auth).send({ files: refs(MAX + 1, 5) }).expect(422);
    expect(res.body.code).toBe('TOO_MANY_FILES');
  });

  it('authenticates before parsing: a caller without a key never gets as far as the body', async () => {
    const garbage = `{"files": [${'{"src": '.repeat(1000)}`;
    const res = await http().post('/v1/bundles').set('Content-Type', 'application/json').send(garbage).expect(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    // With the key, the same body is a parse error.
    expect((await http().post('/v1/bundles').set(auth).set('Content-Type', 'application/json').send(garbage).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('validates long lists a chunk at a time, pointing into the whole list', async () => {
    const files = refs(MAX);
    files[777] = { src: 'ftp://nope/x', dst: 'x.bin' };
    const res = await http().post('/v1/bundles').set(auth).send({ files }).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/files/777/src']);
    files[777] = { src: 5 as unknown as string, dst: 'x.bin' };
    const typed = await http().post('/v1/bundles').set(auth).send({ files }).expect(400);
    expect(typed.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/files/777/src']);
    expect(typed.body.detail).toMatch(/^\/files\/777\/src: /);
    const ok = await http().post('/v1/bundles').set(auth).send({ files: refs(MAX) }).expect(201);
    expect(ok.body.fileCount).toBe(MAX);
  });

  it('wants JSON where a route takes a body: another type, or none, is 415', async () => {
    const plain = await http().post('/v1/bundles').set(auth).set('Content-Type', 'text/plain').send('{"files": []}').expect(415);
    expect(plain.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await http().post('/v1/bundles').set(auth).expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await http().post('/v1/archives').set(auth).set('Content-Type', 'application/x-www-form-urlencoded').send('files=1').expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400, never 500, to deeply nested JSON and to cursors it never issued', async () => {
    const nested = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deep = await http().post('/v1/bundles').set(auth).set('Content-Type', 'application/json').send(`{"files": ${nested}}`).expect(400);
    expect(deep.body.code).toBe('VALIDATION_FAILED');
    const { id, secret } = (await http().post('/v1/bundles').set(auth).send({}).expect(201)).body as { id: string; secret: string };
    const cursor = Buffer.from('i:4294967296').toString('base64url');
    const res = await http().get(`/v1/bundles/${id}/files`).query({ cursor }).set('X-Bundle-Secret', secret).expect(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
    await http().get(`/v1/bundles/${id}/files`).query({ cursor: encodeFileCursor(0) }).set('X-Bundle-Secret', secret).expect(200);
  });

  it('answers any JSON body with 2xx or a 4xx problem, never 500 (property)', async () => {
    const { id, secret } = (await http().post('/v1/bundles').set(auth).send({}).expect(201)).body as { id: string; secret: string };
    const refArb = fc.oneof(fc.jsonValue(), fc.record({ src: fc.oneof(fc.string(), fc.jsonValue(), fc.constantFrom('s3://b/k', 'file:///../x', 'https://x.test/a?b')), dst: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] }));
    const bodyArb = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          files: fc.oneof(fc.array(refArb, { maxLength: 5 }), fc.jsonValue()),
          filename: fc.oneof(fc.string(), fc.jsonValue()),
          expiresAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.jsonValue()),
          public: fc.jsonValue(),
          compression: fc.oneof(fc.constantFrom('store', 'deflate', 'auto'), fc.jsonValue()),
          coverSheet: fc.jsonValue(),
          expiresInMinutes: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    const routes = [
      () => http().post('/v1/bundles').set(auth),
      () => http().patch(`/v1/bundles/${id}`).set('X-Bundle-Secret', secret),
      () => http().post(`/v1/bundles/${id}/files`).set('X-Bundle-Secret', secret),
      () => http().post(`/v1/bundles/${id}/links`).set('X-Bundle-Secret', secret),
    ];
    await fc.assert(
      fc.asyncProperty(bodyArb, fc.nat(routes.length - 1), async (value, route) => {
        const body = JSON.stringify(value) ?? 'null';
        const res = await routes[route]().set('Content-Type', 'application/json').send(body);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
