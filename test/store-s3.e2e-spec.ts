import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CuttingProxy } from './support/cutting-proxy.js';
import { eventually } from './support/eventually.js';
import { S3TestServer } from './support/s3-server.js';
import { authed, curlUpload, type StoredFileBody, tusUpload } from './support/store-client.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const MiB = 1 << 20;
const BUCKET = 'store-test';
const PREFIX = 'files/';
const TUS = { 'Tus-Resumable': '1.0.0' };
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The S3 store against the S3 test server: multipart uploads, tails between tus requests, nothing left behind. */
describe('the S3 store (against s3rver)', () => {
  const s3 = new S3TestServer();
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-s3store-'));
  let env: Record<string, string>;
  let t: TestApp;
  let base: string;

  const objectKeys = async () => ((await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!);
  const multipartUploads = async () => (await s3.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? [];
  const object = async (id: string) => Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${id}` }))).Body!.transformToByteArray());
  const rows = async () => Number((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM stored_file`))[0].n);

  beforeAll(async () => {
    await s3.start();
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // 5 MiB parts: the smallest S3 allows.
    env = { ...s3.env(), STORE_BACKEND: 's3', STORE_S3_BUCKET: BUCKET, STORE_S3_PREFIX: PREFIX, STORE_MAX_FILE_BYTES: String(1024 * MiB) };
    ({ t, base } = await listeningTestApp(env));
  });
  afterAll(async () => {
    await t.close();
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('stores a raw upload of several parts as one object, byte for byte', async () => {
    const data = randomBytes(12 * MiB + 3);
    const file = (await (await authed(`${base}/v1/files?filename=parts.bin`, { method: 'POST', body: data })).json()) as StoredFileBody;
    expect(file.size).toBe(data.length);
    expect(sha(await object(file.id))).toBe(sha(data));
    const served = Buffer.from(await (await authed(`${base}/v1/files/${file.id}/content`, { headers: { Range: `bytes=${5 * MiB - 2}-${5 * MiB + 2}` } })).arrayBuffer());
    expect(served).toEqual(data.subarray(5 * MiB - 2, 5 * MiB + 3));
    expect(await multipartUploads()).toEqual([]);
  });

  it('stores a form\'s files and an empty file', async () => {
    writeFileSync(join(work, 'a.bin'), randomBytes(6 * MiB));
    writeFileSync(join(work, 'empty.txt'), '');
    const { status, body } = await curlUpload(base, ['-F', `a=@${join(work, 'a.bin')}`, '-F', `b=@${join(work, 'empty.txt')}`]);
    expect(status).toBe(201);
    const [a, empty] = body.files as StoredFileBody[];
    expect(sha(await object(a.id))).toBe(sha(readFileSync(join(work, 'a.bin'))));
    expect([empty.size, (await object(empty.id)).length]).toEqual([0, 0]);
  });

  it('resumes a tus upload whose one request broke off in the middle of a part', async () => {
    // The request announced the whole length, so it was meant to be the last: a store that
    // took it as the last sent its partial part as the final one, and the resumed upload
    // found no bytes after its last whole part.
    const data = randomBytes(12 * MiB + 7);
    const proxy = await new CuttingProxy(Number(new URL(base).port), [7 * MiB]).start();
    try {
      const url = await tusUpload(`http://127.0.0.1:${proxy.port}`, data, Infinity);
      expect(proxy.cuts).toHaveLength(1);
      expect(sha(await object(url.split('/').pop()!))).toBe(sha(data));
      expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}.tmp/`))).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('resumes a tus upload whose requests end between parts, and leaves no tail behind', async () => {
    const data = randomBytes(23 * MiB + 5);
    writeFileSync(join(work, 'tus.bin'), data);
    // Each request ends in the middle of a 5 MiB part.
    const url = await tusUpload(base, data, 7 * MiB);
    const id = url.split('/').pop()!;
    expect(sha(await object(id))).toBe(sha(data));
    expect((await objectKeys()).filter((k) => k.startsWith(`${PREFIX}.tmp/`))).toEqual([]);
    expect(await multipartUploads()).toEqual([]);
  });

  it('leaves no object, no multipart upload and no row when the client disconnects mid-upload', async () => {
    const keys = await objectKeys();
    const before = await rows();
    writeFileSync(join(work, 'twelve.bin'), randomBytes(12 * MiB));
    const curl = spawn('curl', ['-sS', '-X', 'POST', '-H', `Authorization: Bearer ${TEST_API_KEY}`, '-H', `Content-Length: ${64 * MiB}`, '--limit-rate', '4M', '-T', join(work, 'twelve.bin'), `${base}/v1/files`], { stdio: 'ignore' });
    await eventually(async () => (await multipartUploads()).length > 0, 20_000, 'the multipart upload to begin');
    curl.kill('SIGKILL');
    await eventually(async () => (await multipartUploads()).length === 0, 20_000, 'the multipart upload to be aborted');
    expect(await objectKeys()).toEqual(keys);
    expect(await rows()).toBe(before);
  });

  it('lets a second instance finish a tus upload that the first began', async () => {
    const data = randomBytes(13 * MiB + 1);
    const { t: second, base: secondBase } = await listeningTestApp(env);
    try {
      const created = await authed(`${base}/v1/uploads`, { method: 'POST', headers: { ...TUS, 'Upload-Length': String(data.length), 'Content-Type': 'application/offset+octet-stream' }, body: data.subarray(0, 8 * MiB) });
      expect(created.headers.get('upload-offset')).toBe(String(8 * MiB));
      const path = new URL(created.headers.get('location')!, base).pathname;
      const head = await authed(`${secondBase}${path}`, { method: 'HEAD', headers: TUS });
      expect(head.headers.get('upload-offset')).toBe(String(8 * MiB));
      const rest = await authed(`${secondBase}${path}`, { method: 'PATCH', headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(8 * MiB) }, body: data.subarray(8 * MiB) });
      expect([rest.status, rest.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
      const id = path.split('/').pop()!;
      // The second instance had no running hash: it read the stored bytes to make the SHA-256.
      const file = (await (await authed(`${base}/v1/files/${id}`)).json()) as StoredFileBody;
      expect(file.digest).toBe(`sha-256=:${createHash('sha256').update(data).digest('base64')}:`);
      expect(sha(await object(id))).toBe(sha(data));
    } finally {
      await second.close();
    }
  });
});
