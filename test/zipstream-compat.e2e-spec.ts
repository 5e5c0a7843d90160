import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';
import { javaStreamRead, pythonZipCheck, unzipTest } from './support/zip-readers.js';

const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('ZipStream compatibility', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-compat-'));
  const report = randomBytes(150_000);
  const notes = Buffer.from('compatible\n');
  let t: TestApp;
  beforeAll(async () => {
    writeFileSync(join(root, 'report.pdf'), report);
    writeFileSync(join(root, 'notes.txt'), notes);
    t = await createTestApp({ ZIPSTREAM_COMPAT: 'true', LOCAL_STORAGE_ROOT: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves ZipStream\'s create, read, append and delete with its JSON shapes', async () => {
    const http = () => request(t.app.getHttpServer());
    const files = [{ src: 's3://my-aws-bucket-1/path/to/foo.jpg', dst: 'foo.jpg' }, { src: 's3://some-other-bucket-2/bar.gif' }];
    const created = await http().post('/').set(auth).send({ filename: 'my-awesome-bundle.zip', files }).expect(201);
    expect(Object.keys(created.body).sort()).toEqual(['expirationDate', 'filename', 'files', 'id', 'secret']);
    expect(created.body).toMatchObject({ filename: 'my-awesome-bundle.zip', files });
    expect(Number.isInteger(created.body.expirationDate)).toBe(true);
    expect(created.body.expirationDate * 1000).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    const { id, secret } = created.body;

    const read = await http().get(`/${id}/${secret}/`).expect(200);
    expect(read.body).toEqual(created.body);

    const extra = { src: 's3://one-more-bucket-3/another/file.pdf', dst: 'another-one.pdf' };
    const appended = await http().put(`/${id}/${secret}/`).send({ files: [extra] }).expect(200);
    expect(appended.body.files).toEqual([...files, extra]);

    const deleted = await http().delete(`/${id}/${secret}/`).expect(200);
    expect(deleted.body.files).toHaveLength(3);
    await http().get(`/${id}/${secret}/`).expect(404);
  });

  it('downloads a bundle by id alone, and streams one-off zips at POST /bundle, both real zips of the files', async () => {
    const http = () => request(t.app.getHttpServer());
    const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
      const chunks: Buffer[] = [];
      (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
      (res as unknown as NodeJS.ReadableStream).on('end', () => done(null, Buffer.concat(chunks)));
    };
    const files = [{ src: 'file:///report.pdf', dst: 'docs/report.pdf' }, { src: 'file:///notes.txt' }];
    const created = await http().post('/').set(auth).send({ filename: 'z.zip', files }).expect(201);
    const zip = await http().get(`/${created.body.id}/`).buffer(true).parse(binary).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const expected = [['docs/report.pdf', sha(report)], ['notes.txt', sha(notes)]];
    const bundlePath = join(root, 'bundle.zip');
    writeFileSync(bundlePath, zip.body as Buffer);
    expect((await pythonZipCheck(bundlePath)).entries.map((e) => [e.name, e.sha256]).slice(0, 2)).toEqual(expected);
    expect((await javaStreamRead('jdk', bundlePath)).map((e) => [e.name, e.sha256]).slice(0, 2)).toEqual(expected);

    const oneOff = await http().post('/bundle').set(auth).send({ files }).buffer(true).parse(binary).expect(200);
    expect(oneOff.headers['content-type']).toBe('application/zip');
    const oneOffPath = join(root, 'one-off.zip');
    writeFileSync(oneOffPath, oneOff.body as Buffer);
    expect(await unzipTest(oneOffPath)).toMatch(/No errors detected/);
    expect((await pythonZipCheck(oneOffPath)).entries.map((e) => [e.name, e.sha256]).slice(0, 2)).toEqual(expected);
    // Native bundles stay private by default.
    const native = await http().post('/v1/bundles').set(auth).send({}).expect(201);
    await http().get(`/${native.body.id}`).expect(401);
  });

  it('answers a wrong secret with 404 and leaves the native routes reachable', async () => {
    const http = () => request(t.app.getHttpServer());
    const created = await http().post('/').set(auth).send({}).expect(201);
    await http().get(`/${created.body.id}/wrong`).expect(404);
    await http().get('/health/live').expect(200);
    await http().get('/problems/not-found').expect(200);
  });

  it('is off by default', async () => {
    const off = await createTestApp();
    try {
      await request(off.app.getHttpServer()).post('/').set(auth).send({}).expect(404);
    } finally {
      await off.close();
    }
  });
});
