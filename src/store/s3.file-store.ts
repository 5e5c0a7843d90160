import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand,
  HeadBucketCommand, ListMultipartUploadsCommand, ListObjectsV2Command, NoSuchUpload, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { type FileEnd, FileStore, type StoredObject } from './file-store.js';
import type { StoreSession } from './stored-file.js';

interface S3Session {
  readonly id: string;
  readonly uploadId: string;
  /** The ETag of each part uploaded so far, part n at n - 1. */
  readonly parts: readonly string[];
  /** The bytes after the last whole part, kept as an object of their own between requests. */
  readonly tail: string | null;
}

/**
 * Files as objects `<STORE_S3_PREFIX><id>`, written by multipart upload: parts
 * of STORE part size, at most two in memory per upload (one filling, one being
 * sent). Between the requests of a resumable upload, the bytes past the last
 * whole part wait in a `.tmp/` object.
 */
@Injectable()
export class S3FileStore extends FileStore implements OnApplicationShutdown {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partBytes: number;

  constructor(config: AppConfig) {
    super();
    const s3 = config.storage.s3;
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      // Checksums of streamed bodies break non-AWS servers; parts are checked by our own SHA-256 of the whole.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.bucket = config.store.s3.bucket ?? '';
    this.prefix = config.store.s3.prefix;
    this.partBytes = config.store.partBytes;
  }

  async begin(id: string): Promise<StoreSession> {
    const answer = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key(id) }));
    if (!answer.UploadId) throw new Error('the S3 server started no multipart upload');
    return { id, uploadId: answer.UploadId, parts: [], tail: null } satisfies S3Session;
  }

  async append(stored: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>, end: FileEnd): Promise<StoreSession> {
    const session = asSession(stored);
    const { id } = session;
    const P = this.partBytes;
    const parts = session.parts.slice(0, Math.floor(offset / P));
    const buffers: Buffer[] = [Buffer.allocUnsafe(P)];
    let current = 0;
    let fill = 0;
    let size = offset;
    if (offset % P > 0) fill = await this.readTail(session, buffers[0], offset % P);
    let sending: Promise<void> | undefined;
    const send = async (buffer: Buffer, length: number) => {
      const n = parts.length + 1;
      parts.push('');
      const answer = await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key: this.key(id), UploadId: session.uploadId, PartNumber: n, Body: buffer.subarray(0, length), ContentLength: length }));
      parts[n - 1] = answer.ETag ?? '';
    };
    try {
      for await (const chunk of body) {
        size += chunk.length;
        let at = 0;
        while (at < chunk.length) {
          const copied = chunk.copy(buffers[current], fill, at);
          fill += copied;
          at += copied;
          if (fill < P) continue;
          await sending;
          sending = send(buffers[current], fill);
          current = 1 - current;
          buffers[current] ??= Buffer.allocUnsafe(P);
          fill = 0;
        }
      }
    } finally {
      await sending;
    }
    // A request that broke off before the file's end leaves a tail for the next one.
    if (end === 'with-body' || size === end.size) {
      if (fill > 0) await send(buffers[current], fill);
      return { ...session, parts, tail: null } satisfies S3Session;
    }
    let tail: string | null = null;
    if (fill > 0) {
      tail = `${this.prefix}.tmp/${id}.${parts.length * P}+${fill}`;
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: tail, Body: buffers[current].subarray(0, fill), ContentLength: fill }));
    }
    return { ...session, parts, tail } satisfies S3Session;
  }

  async complete(id: string, stored: StoreSession, size: number): Promise<null> {
    let session = asSession(stored);
    // A resumable upload whose last request did not know it was the last left its end as a tail.
    if (session.tail) session = asSession(await this.append(stored, size, [], 'with-body'));
    if (size === 0) {
      await this.discard(stored);
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(id), Body: Buffer.alloc(0), ContentLength: 0 }));
      return null;
    }
    await this.client.send(new CompleteMultipartUploadCommand({
      Bucket: this.bucket,
      Key: this.key(id),
      UploadId: session.uploadId,
      MultipartUpload: { Parts: session.parts.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
    }));
    if (asSession(stored).tail) await this.deleteObject(asSession(stored).tail!);
    return null;
  }

  async discard(stored: StoreSession): Promise<void> {
    const session = asSession(stored);
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key(session.id), UploadId: session.uploadId })).catch((err: unknown) => {
      if (!(err instanceof NoSuchUpload)) throw err;
    });
    if (session.tail) await this.deleteObject(session.tail);
  }

  async retire(previous: StoreSession, current: StoreSession): Promise<void> {
    const before = asSession(previous).tail;
    if (before && before !== asSession(current).tail) await this.deleteObject(before);
  }

  async read(file: StoredObject, start: number, end: number, signal: AbortSignal): Promise<Readable> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(file.id), Range: `bytes=${start}-${end}` }), { abortSignal: signal });
    return answer.Body as Readable;
  }

  async remove(id: string): Promise<void> {
    await this.deleteObject(this.key(id));
  }

  async purgeTemporaries(before: Date, pending: (id: string) => Promise<boolean>): Promise<number> {
    let removed = 0;
    const uploads = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.prefix }));
    for (const u of uploads.Uploads ?? []) {
      const id = u.Key?.slice(this.prefix.length) ?? '';
      if (!u.Initiated || u.Initiated >= before || (await pending(id))) continue;
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => undefined);
      removed += 1;
    }
    const tails = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}.tmp/` }));
    for (const o of tails.Contents ?? []) {
      const id = o.Key?.slice(this.prefix.length + 5, this.prefix.length + 41) ?? '';
      if (!o.Key || !o.LastModified || o.LastModified >= before || (await pending(id))) continue;
      await this.deleteObject(o.Key);
      removed += 1;
    }
    return removed;
  }

  async checkHealth(signal: AbortSignal): Promise<Record<string, unknown>> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: signal });
    return {};
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private key(id: string): string {
    return `${this.prefix}${id}`;
  }

  private async readTail(session: S3Session, into: Buffer, length: number): Promise<number> {
    if (!session.tail) throw new Error('the upload lost the bytes after its last part');
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: session.tail }));
    const bytes = Buffer.from(await answer.Body!.transformToByteArray());
    if (bytes.length !== length) throw new Error(`the bytes after the last part are ${bytes.length}, not ${length}`);
    return bytes.copy(into, 0);
  }

  private async deleteObject(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

function asSession(stored: StoreSession): S3Session {
  if (typeof stored.id !== 'string' || typeof stored.uploadId !== 'string' || !Array.isArray(stored.parts)) throw new Error('not an S3 store session');
  return stored as unknown as S3Session;
}
