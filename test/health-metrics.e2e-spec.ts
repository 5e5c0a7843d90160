import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('health and metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports liveness and database readiness', async () => {
    await request(t.app.getHttpServer()).get('/health/live').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    const ready = await request(t.app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('exposes process metrics and a request histogram by route template and status', async () => {
    const http = () => request(t.app.getHttpServer());
    await http().get('/v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55').expect(401);
    await http().get('/no/such/route').expect(404);
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_resident_memory_bytes');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/bundles\/:id",status="401"\} 1/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/);
    expect(res.text).not.toContain('3f2c9a4e');
  });

  it('answers 503 problem+json when the database is gone', async () => {
    const broken = await createTestApp();
    await broken.app.get(DataSource).destroy();
    try {
      const res = await request(broken.app.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', detail: 'Not ready: database' });
    } finally {
      await broken.close();
    }
  });
});

describe('unexpected failures', () => {
  it('answer 500 problem+json without internal details, logged with the request id', async () => {
    const t = await createTestApp();
    const http = () => request(t.app.getHttpServer());
    const created = await http().post('/v1/bundles').set('Authorization', 'Bearer test-api-key-0123456789abcdef').send({}).expect(201);
    await t.app.get(DataSource).destroy();
    try {
      const res = await http().get(`/v1/bundles/${created.body.id}`).set('X-Bundle-Secret', created.body.secret).expect(500);
      expect(res.body).toMatchObject({ code: 'INTERNAL_ERROR', status: 500, detail: 'An unexpected error occurred; it has been logged' });
      expect(JSON.stringify(res.body)).not.toMatch(/DataSource|TypeORM|Error:|at /);
      expect(t.logs.all).toContain(res.body.requestId);
    } finally {
      await t.close();
    }
  });
});
