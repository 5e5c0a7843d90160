import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeys } from '../src/auth/api-keys.js';
import { DatabaseEndpoint } from '../src/database/database-endpoint.js';
import { ScratchDirs } from './support/scratch-dirs.js';
import { createTestApp } from './support/test-app.js';

// The default a newcomer gets from `npm start`: no DATABASE_URL, data under DATA_DIR.
describe('embedded default', () => {
  const scratch = new ScratchDirs();
  afterAll(() => scratch.removeAll());

  it('migrates a new data directory, keeps data and the development key across restarts', async () => {
    const dataDir = scratch.make('bundlestream-embedded-');
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, API_KEYS: undefined };

    const first = await createTestApp(env);
    const devKey = first.app.get(ApiKeys).devKey!;
    let id: string;
    let secret: string;
    try {
      expect(devKey).toMatch(/^dev_[A-Za-z0-9_-]{43}$/);
      expect(readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim()).toBe(devKey);
      expect(statSync(join(dataDir, 'dev-api-key')).mode & 0o077).toBe(0);
      const created = await request(first.app.getHttpServer())
        .post('/v1/bundles')
        .set('Authorization', `Bearer ${devKey}`)
        .send({ files: [{ src: 'file:///a.txt' }] })
        .expect(201);
      ({ id, secret } = created.body);
    } finally {
      await first.close();
    }

    const second = await createTestApp(env);
    try {
      expect(second.app.get(ApiKeys).devKey).toBe(devKey);
      const read = await request(second.app.getHttpServer()).get(`/v1/bundles/${id}`).set('X-Bundle-Secret', secret).expect(200);
      expect(read.body.fileCount).toBe(1);
      await request(second.app.getHttpServer()).get('/health/ready').expect(200);
    } finally {
      await second.close();
    }
  });

  it('is reachable by this user alone, and a slow query holds neither HTTP nor health checks', async () => {
    const dataDir = scratch.make('bundlestream-embedded-');
    const t = await createTestApp({ DATABASE_URL: undefined, DATA_DIR: dataDir, API_KEYS: undefined });
    try {
      // No TCP port: a Unix socket in a directory only this user may enter; the data likewise.
      const url = new URL(t.app.get(DatabaseEndpoint).url);
      const socketDir = url.searchParams.get('host')!;
      expect(socketDir).toMatch(/^\//);
      expect(statSync(socketDir).mode & 0o077).toBe(0);
      expect(statSync(join(dataDir, 'pgdata')).mode & 0o077).toBe(0);
      expect(statSync(dataDir).mode & 0o077).toBe(0);

      let slept = false;
      const sleep = t.app.get(DataSource).query('SELECT pg_sleep(1.5)').then(() => (slept = true));
      // Issued once the query is on its way: the service answers while the database is busy.
      await new Promise((resolve) => setImmediate(resolve));
      await request(t.app.getHttpServer()).get('/health/live').expect(200);
      expect(slept).toBe(false);
      await sleep;
    } finally {
      await t.close();
    }
  });

  it('offers no development key when a database is configured', async () => {
    const t = await createTestApp();
    try {
      expect(t.app.get(ApiKeys).devKey).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
