import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
  /** Every request the server was sent, as `METHOD /bucket/key?query`, in order. */
  readonly requests: string[] = [];

  async start(): Promise<this> {
    this.addMultipartListing();
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

  /**
   * s3rver 3.7 answers ListMultipartUploads with NotImplemented and
   * AbortMultipartUpload with 405; both are added here over its own upload
   * directory, so that tests can see what a store leaves behind and a store can
   * abort what it began, as on S3.
   */
  private addMultipartListing(): void {
    const koa = this.server as unknown as { middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[] };
    koa.middleware.unshift(async (ctx, next) => {
      this.requests.push(`${ctx.method} ${ctx.url}`);
      const [bucket, ...key] = ctx.path.split('/').filter(Boolean);
      const uploads = join(this.dir, bucket ?? '', '._S3rver_uploads');
      if (ctx.method === 'GET' && key.length === 0 && 'uploads' in ctx.query) {
        const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
        const entries = (existsSync(uploads) ? readdirSync(uploads) : [])
          .map((id) => ({ id, key: readFileSync(join(uploads, id, 'key'), 'utf8'), at: statSync(join(uploads, id)).mtime }))
          .filter((u) => u.key.startsWith(prefix))
          .map((u) => `<Upload><Key>${u.key}</Key><UploadId>${u.id}</UploadId><Initiated>${u.at.toISOString()}</Initiated></Upload>`);
        ctx.type = 'application/xml';
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated>${entries.join('')}</ListMultipartUploadsResult>`;
        return;
      }
      if (ctx.method === 'DELETE' && key.length > 0 && typeof ctx.query.uploadId === 'string') {
        const dir = join(uploads, ctx.query.uploadId.replace(/[^0-9a-f]/g, ''));
        if (!existsSync(dir)) {
          ctx.status = 404;
          ctx.type = 'application/xml';
          ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>No such upload</Message></Error>';
          return;
        }
        rmSync(dir, { recursive: true, force: true });
        ctx.status = 204;
        return;
      }
      await next();
    });
  }

  async stop(): Promise<void> {
    this.client.destroy();
    await this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface KoaContext {
  url: string;
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
