import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ApiKeys } from '../src/auth/api-keys.js';
import { createTestApp } from './support/test-app.js';

// The default a newcomer gets from `npm start`: no DATABASE_URL, data under DATA_DIR.
describe('embedded default', () => {
  it('migrates a new data directory, keeps data and the development key across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bundlestream-embedded-'));
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

  it('offers no development key when a database is configured', async () => {
    const t = await createTestApp();
    try {
      expect(t.app.get(ApiKeys).devKey).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
