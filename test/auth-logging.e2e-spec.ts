import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createHash } from 'node:crypto';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

describe('API keys and logs', () => {
  let t: TestApp;
  const hashedKey = 'another-key-for-hash-config-0001';

  beforeAll(async () => {
    const digest = createHash('sha256').update(hashedKey).digest('hex');
    t = await createTestApp({ API_KEYS: `${TEST_API_KEY},sha256:${digest}`, ZIPSTREAM_COMPAT: 'true' });
  });
  afterAll(() => t.close());

  it('accepts a key configured only as its sha256: digest', async () => {
    await request(t.app.getHttpServer()).post('/v1/bundles').set('Authorization', `Bearer ${hashedKey}`).send({}).expect(201);
  });

  it('never writes API keys or bundle secrets to the log, in headers, paths or queries', async () => {
    const http = () => request(t.app.getHttpServer());
    const created = await http().post('/v1/bundles').set('Authorization', `Bearer ${TEST_API_KEY}`).set('X-Request-Id', 'trace-abc-123').send({}).expect(201);
    const secret: string = created.body.secret;
    expect(created.headers['x-request-id']).toBe('trace-abc-123');
    await http().get(`/v1/bundles/${created.body.id}`).set('X-Bundle-Secret', secret).expect(200);
    await http().get(`/v1/bundles/${created.body.id}?token=${secret}`).set('X-Bundle-Secret', 'wrong-secret-value').expect(404);
    await http().get(`/${created.body.id}/${secret}`).expect(200); // ZipStream route: the secret is in the path
    await http().post('/v1/bundles').set('Authorization', 'Bearer wrong-key-value-xyz').send({}).expect(401);

    const logs = t.logs.all;
    expect(logs).toContain('trace-abc-123'); // the request lines were written...
    expect(logs).toContain('[redacted]');
    for (const needle of [TEST_API_KEY, hashedKey, secret, 'wrong-secret-value', 'wrong-key-value-xyz']) {
      expect(logs).not.toContain(needle); // ...without any credential
    }
    for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe('anonymous creation', () => {
  it('is refused by default and allowed only when configured; a wrong key is still refused', async () => {
    const allowed = await createTestApp({ ALLOW_ANONYMOUS_CREATE: 'true' });
    try {
      const http = () => request(allowed.app.getHttpServer());
      await http().post('/v1/bundles').send({}).expect(201);
      await http().post('/v1/bundles').set('Authorization', 'Bearer wrong-key-value-xyz').send({}).expect(401);
    } finally {
      await allowed.close();
    }
  });
});
