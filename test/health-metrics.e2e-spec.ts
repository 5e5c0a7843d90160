import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually.js';
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

  it('tells nothing of how the service is set up: no storage root, no addresses', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bundlestream-health-root-'));
    const local = await createTestApp({ LOCAL_STORAGE_ROOT: root });
    try {
      const ready = await request(local.app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.details['storage:file'].status).toBe('up');
      const text = JSON.stringify(ready.body);
      expect(text).not.toContain(root);
      expect(text).not.toContain(realpathSync(root));
    } finally {
      await local.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('stops a storage check that hangs at its timeout, instead of leaving it running', async () => {
    // An S3 endpoint that accepts connections and never answers.
    const open = new Set<Socket>();
    let accepted = 0;
    const hung = createServer((socket) => {
      accepted += 1;
      open.add(socket);
      socket.resume(); // reads (and drops) the request, so that the client's close is seen
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const { port } = hung.address() as { port: number };
    process.env.AWS_ACCESS_KEY_ID ??= 'health-test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'health-test-secret';
    const s3 = await createTestApp({ S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', S3_ALLOWED_BUCKETS: 'a-bucket' });
    try {
      const res = await request(s3.app.getHttpServer()).get('/health/ready').expect(503);
      expect(res.body.detail).toMatch(/storage:s3/);
      expect(accepted).toBe(1);
      await eventually(() => open.size === 0, 5000, 'the HeadBucket request to be aborted');
    } finally {
      await s3.close();
      hung.close();
    }
  }, 20_000);

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
