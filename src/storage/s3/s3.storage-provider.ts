import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { AppConfig } from '../../config/app-config.js';
import { errorForStatus, StorageError } from '../storage-error.js';
import { type OpenedRange, type RangeRequest, type SourceStat, StorageProvider } from '../storage-provider.js';
import type { SourceUri } from '../source-uri.js';

const THROTTLED = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'InternalError', 'ServiceUnavailable']);

/** `s3://bucket/key` through the AWS SDK v3; MinIO, Ceph, R2 and GCS work via endpoint and path style. */
@Injectable()
export class S3StorageProvider extends StorageProvider implements OnApplicationShutdown {
  readonly scheme = 's3' as const;
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
  private readonly client: S3Client;

  constructor(private readonly config: AppConfig) {
    super();
    const s3 = config.storage.s3;
    // One socket per concurrent read, kept alive between them.
    const sockets = { keepAlive: true, maxSockets: config.storage.concurrency };
    this.httpAgent = new HttpAgent(sockets);
    this.httpsAgent = new HttpsAgent(sockets);
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      // Retries live in the resumable reader; two layers would multiply attempts.
      maxAttempts: 1,
      // The SDK's default checksums break streamed uploads on non-AWS servers and
      // buy nothing for ranged reads, where whole-object checksums can't be checked.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: new NodeHttpHandler({
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
        connectionTimeout: config.storage.http.connectTimeoutMs,
      }),
    });
  }

  async stat(uri: SourceUri, signal?: AbortSignal): Promise<SourceStat> {
    const { bucket, key } = this.target(uri);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }), { abortSignal: signal });
      // Only a full-object CRC-32 is the CRC of the bytes; a composite one (multipart) is not.
      const crc = head.ChecksumType === 'FULL_OBJECT' && head.ChecksumCRC32 ? Buffer.from(head.ChecksumCRC32, 'base64').readUInt32BE(0) : undefined;
      return { size: head.ContentLength, etag: head.ETag, lastModified: head.LastModified, contentType: head.ContentType, crc32: crc };
    } catch (err) {
      throw s3Error(err, `s3://${bucket}/${key}`);
    }
  }

  async openRange(uri: SourceUri, req: RangeRequest): Promise<OpenedRange> {
    const { bucket, key } = this.target(uri);
    const what = `s3://${bucket}/${key}`;
    const ranged = req.start > 0 || req.end !== undefined;
    let body: Readable | undefined;
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          Range: ranged ? `bytes=${req.start}-${req.end ?? ''}` : undefined,
          IfMatch: req.etag,
        }),
        { abortSignal: req.signal },
      );
      body = answer.Body as Readable;
      if (ranged) {
        const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(answer.ContentRange ?? '');
        if (!range || Number(range[1]) !== req.start) throw new StorageError('SOURCE_UNAVAILABLE', `${what} answered another range than asked`);
        return { body, etag: answer.ETag, objectSize: Number(range[3]) };
      }
      return { body, etag: answer.ETag, objectSize: answer.ContentLength };
    } catch (err) {
      body?.destroy(); // an unread body holds its socket for ever
      throw s3Error(err, what);
    }
  }

  async checkHealth(signal: AbortSignal): Promise<Record<string, unknown>> {
    const buckets = this.config.storage.s3.allowedBuckets;
    await Promise.all(buckets.map((b) => this.client.send(new HeadBucketCommand({ Bucket: b }), { abortSignal: signal }).catch((err: unknown) => {
      throw s3Error(err, 'a bucket');
    })));
    return { buckets: buckets.length };
  }

  onApplicationShutdown(): void {
    this.client.destroy();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private target(uri: SourceUri): { bucket: string; key: string } {
    if (uri.scheme !== 's3') throw new Error(`not an S3 source: ${uri.scheme}`);
    const allowed = this.config.storage.s3.allowedBuckets;
    if (allowed.length > 0 && !allowed.includes(uri.bucket)) {
      throw new StorageError('SOURCE_FORBIDDEN', `bucket ${uri.bucket} is not in S3_ALLOWED_BUCKETS`);
    }
    return uri;
  }
}

function s3Error(err: unknown, what: string): unknown {
  if (err instanceof StorageError || (err as Error).name === 'AbortError') return err;
  if (err instanceof S3ServiceException) {
    if (THROTTLED.has(err.name)) return new StorageError('SOURCE_UNAVAILABLE', `${what}: ${err.name}`, true, err);
    const status = err.$metadata.httpStatusCode;
    if (status !== undefined) return errorForStatus(status, what);
  }
  return err; // network errors keep their codes; isTransient classifies them
}
