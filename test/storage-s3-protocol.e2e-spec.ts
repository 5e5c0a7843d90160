import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Storage } from '../src/storage/storage.js';
import { FaultServer } from './support/fault-server.js';
import { sha256, sha256Of } from './support/streams.js';
import { createTestApp, type TestApp } from './support/test-app.js';

// s3rver sends no checksum headers and never throttles, so this loopback server
// answers as S3 does in those two cases; the provider talks to it through the SDK.
describe('S3 provider against S3 protocol answers s3rver cannot give', () => {
  const data = randomBytes(1024 * 1024);
  const server = new FaultServer();
  let t: TestApp;

  beforeAll(async () => {
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(data));
    server
      .route('/bucket-a/whole.bin', (_req, res) => {
        res.writeHead(200, {
          'content-length': String(data.length),
          etag: '"abc"',
          'x-amz-checksum-crc32': checksum.toString('base64'),
          'x-amz-checksum-type': 'FULL_OBJECT',
        }).end();
      })
      .route('/bucket-a/multipart.bin', (_req, res) => {
        res.writeHead(200, {
          'content-length': String(data.length),
          etag: '"abc-2"',
          'x-amz-checksum-crc32': 'AAAAAA==-2',
          'x-amz-checksum-type': 'COMPOSITE',
        }).end();
      })
      .route('/bucket-a/throttled.bin', (req, res, attempt) => {
        if (attempt < 2) {
          res.writeHead(503, { 'content-type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
        } else FaultServer.serveBytes(data, '"abc"')(req, res);
      });
    await server.start();
    // The SDK's default chain reads credentials from the environment; this server checks none.
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    t = await createTestApp({
      S3_ENDPOINT: `http://127.0.0.1:${server.port}`,
      S3_FORCE_PATH_STYLE: 'true',
      STORAGE_RETRY_BASE_MS: '5',
    });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
  });

  it('takes a full-object CRC-32 from HeadObject, and ignores a composite one', async () => {
    const storage = t.app.get(Storage);
    expect(await storage.stat('s3://bucket-a/whole.bin')).toMatchObject({ size: data.length, crc32: crc32(data) });
    expect((await storage.stat('s3://bucket-a/multipart.bin')).crc32).toBeUndefined();
  });

  it('retries SlowDown with backoff, then streams the object', async () => {
    expect(await sha256Of(t.app.get(Storage).open('s3://bucket-a/throttled.bin'))).toBe(sha256(data));
    expect(server.countFor('/bucket-a/throttled.bin')).toBe(3);
  });
});
