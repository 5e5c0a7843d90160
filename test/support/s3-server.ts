import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** A real S3-protocol server (s3rver) on 127.0.0.1, for the tests that start it. */
export class S3TestServer {
  private readonly dir = mkdtempSync(join(tmpdir(), 'bundlestream-s3-'));
  private readonly server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.dir });
  endpoint = '';
  client!: S3Client;

  async start(): Promise<this> {
    const { port } = (await this.server.run()) as { port: number };
    this.endpoint = `http://127.0.0.1:${port}`;
    // s3rver accepts these fixed credentials; the SDK's default chain reads them from the environment.
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    this.client = new S3Client({
      region: 'us-east-1',
      endpoint: this.endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return this;
  }

  /** Settings for an app that reads from this server. */
  env(): Record<string, string> {
    return { S3_ENDPOINT: this.endpoint, S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'us-east-1' };
  }

  async put(bucket: string, key: string, body: Buffer): Promise<void> {
    await this.client.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }

  async stop(): Promise<void> {
    this.client.destroy();
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
