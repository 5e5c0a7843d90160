import { createHash, type Hash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../problems/domain-error.js';
import { CacheFill, HotCache } from '../cache/hot-cache.js';
import { FileStore, type StoredObject } from '../file-store.js';
import { Fingerprint, metered, untilInterrupted } from '../fingerprint.js';
import { StoredFileRepository } from '../persistence/stored-file.repository.js';
import type { PendingUpload, StoredFile } from '../stored-file.js';
import { uploadProblem, UploadsService } from '../uploads.service.js';
import type { ChecksumAlgorithm } from './tus-headers.js';
import { UploadLocks } from './upload-locks.js';
import { RunningHashes } from './running-hashes.js';

export interface NewUpload {
  readonly owner: string;
  readonly length: number;
  readonly name: string;
  readonly contentType: string;
  readonly metadata: string | null;
}

export interface Chunk {
  readonly offset: number;
  readonly body: AsyncIterable<Buffer>;
  /** Content-Length: whether these bytes end the upload. */
  readonly length?: number;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly digest: Buffer };
}

/** Where an upload stands, for the tus headers. */
export interface UploadState {
  readonly id: string;
  readonly offset: number;
  readonly length: number;
  readonly metadata: string | null;
  /** Undefined once finished. */
  readonly expiresAt?: Date;
  readonly file?: StoredFile;
}

/**
 * Resumable uploads (the tus protocol's state): each request appends at the
 * offset recorded in the database, which any instance can read, and records the
 * new offset with the store's session; the last byte makes the stored file,
 * with the upload's id as the file's id.
 */
@Injectable()
export class TusService {
  private readonly logger = new Logger(TusService.name);
  private readonly locks = new UploadLocks();
  private readonly hashes = new RunningHashes();

  constructor(
    private readonly store: FileStore,
    private readonly repo: StoredFileRepository,
    private readonly uploads: UploadsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cache: HotCache,
  ) {}

  async create(upload: NewUpload): Promise<PendingUpload> {
    await this.uploads.limitFor(upload.owner, upload.length);
    const id = randomUUID();
    const session = await this.store.begin(id).catch((err: unknown) => {
      throw uploadProblem(err, { bytes: 0, by: 'size' });
    });
    const now = this.clock.now();
    const pending: PendingUpload = { id, ...upload, offset: 0, session, crc32: 0, expiresAt: this.expiry(now), createdAt: now };
    await this.repo.insertPending(pending);
    this.hashes.start(id, createHash('sha256'));
    return pending;
  }

  async state(id: string, owner: string): Promise<UploadState> {
    const lock = await this.locks.acquire(id);
    try {
      const pending = await this.pending(id, owner);
      if (pending) return { id, offset: pending.offset, length: pending.length, metadata: pending.metadata, expiresAt: pending.expiresAt };
      const file = await this.repo.findOwned(id, owner);
      if (!file) throw new DomainError('UPLOAD_NOT_FOUND');
      return { id, offset: file.size, length: file.size, metadata: null, file };
    } finally {
      lock.release();
    }
  }

  /** Appends one request's bytes; bytes that arrived before a broken connection are kept (unless a checksum covered them). */
  async append(id: string, owner: string, chunk: Chunk): Promise<UploadState> {
    const lock = await this.locks.acquire(id);
    try {
      const upload = await this.pending(id, owner);
      if (!upload) {
        if (await this.repo.findOwned(id, owner)) throw new DomainError('UPLOAD_OFFSET_MISMATCH', 'The upload is finished');
        throw new DomainError('UPLOAD_NOT_FOUND');
      }
      if (chunk.offset !== upload.offset) throw new DomainError('UPLOAD_OFFSET_MISMATCH', `The upload is at offset ${upload.offset}`, { headers: { 'Upload-Offset': String(upload.offset) } });
      const running = this.hashes.take(id, upload.offset);
      // Bytes a checksum refuses leave the upload as it was, its running hash included.
      const fingerprint = Fingerprint.resumed(upload.offset, upload.crc32, chunk.checksum ? running?.copy() : running);
      const putBack = () => chunk.checksum && this.hashes.keep(id, upload.offset, running);
      const checked = chunk.checksum && createHash(chunk.checksum.algorithm);
      const { body, interrupted } = untilInterrupted(stoppable(chunk.body, lock.signal));
      // An upload made in one request fills the cache on its way, as a one-request upload does.
      const fill = upload.offset === 0 && this.cache.keeps(upload.length) ? new CacheFill(upload.length) : undefined;
      const limit = { bytes: upload.length, by: 'size' as const };
      let session;
      try {
        session = await this.store.append(upload.session, upload.offset, metered(tapped(fill ? fill.tap(body) : body, checked), fingerprint, upload.length), { size: upload.length });
      } catch (err) {
        const problem = uploadProblem(err, limit);
        throw problem instanceof DomainError && problem.code === 'FILE_TOO_LARGE' ? new DomainError('VALIDATION_FAILED', `The upload has ${upload.length} bytes (Upload-Length); the request sent more`) : problem;
      }
      if (chunk.checksum && checked) {
        // Bytes a checksum should cover but did not all arrive cannot be checked: none of them are kept.
        if (interrupted()) {
          putBack();
          return this.unchanged(upload);
        }
        const actual = checked.digest();
        if (actual.length !== chunk.checksum.digest.length || !timingSafeEqual(actual, chunk.checksum.digest)) {
          putBack();
          throw new DomainError('CHECKSUM_MISMATCH', `The request's bytes do not match its Upload-Checksum (${chunk.checksum.algorithm}); none of them were kept`);
        }
      }
      const expiresAt = this.expiry(this.clock.now());
      const moved = await this.repo.advancePending(id, upload.offset, { offset: fingerprint.size, session, crc32: fingerprint.crc32, expiresAt });
      if (!moved) throw new DomainError('UPLOAD_OFFSET_MISMATCH', 'Another request moved the upload on meanwhile');
      await this.store.retire(upload.session, session).catch((err: unknown) => this.logger.warn({ err, upload: id }, 'could not remove superseded upload bytes'));
      if (fingerprint.size < upload.length) {
        this.hashes.keep(id, fingerprint.size, fingerprint.runningHash());
        return { id, offset: fingerprint.size, length: upload.length, metadata: upload.metadata, expiresAt };
      }
      const file = await this.finish({ ...upload, offset: fingerprint.size, session, crc32: fingerprint.crc32 }, fingerprint.sha256());
      const bytes = fill?.bytes();
      if (bytes?.length === file.size) this.cache.put(file.id, bytes);
      return { id, offset: file.size, length: file.size, metadata: upload.metadata, file };
    } finally {
      lock.release();
    }
  }

  async terminate(id: string, owner: string): Promise<void> {
    const lock = await this.locks.acquire(id);
    try {
      const upload = await this.pending(id, owner, true);
      if (!upload) throw new DomainError('UPLOAD_NOT_FOUND');
      await this.drop(upload);
    } finally {
      lock.release();
    }
  }

  /** Removes every expired upload and its bytes; returns how many. */
  async purgeExpired(): Promise<number> {
    let removed = 0;
    for (const upload of await this.repo.expiredPending(this.clock.now(), 500)) {
      const lock = await this.locks.acquire(upload.id);
      try {
        await this.drop(upload);
        removed += 1;
      } catch (err) {
        this.logger.warn({ err, upload: upload.id }, 'could not remove an expired upload');
      } finally {
        lock.release();
      }
    }
    return removed;
  }

  /**
   * The stored file. Its SHA-256 was computed on the way when every request
   * came to this process; otherwise (resumed on another instance, or after a
   * restart) it is computed by reading the stored bytes once.
   */
  private async finish(upload: PendingUpload, sha256: Buffer | undefined): Promise<StoredFile> {
    this.hashes.forget(upload.id);
    const key = await this.store.complete(upload.id, upload.session, upload.offset);
    const stored = { id: upload.id, size: upload.offset, key };
    const file: StoredFile = {
      id: upload.id,
      owner: upload.owner,
      name: upload.name,
      contentType: upload.contentType,
      size: upload.offset,
      sha256: sha256 ?? (await this.hashStored(stored)),
      crc32: upload.crc32,
      key,
      createdAt: this.clock.now(),
    };
    try {
      await this.repo.insert(file, this.config.store.quotaBytes);
    } catch (err) {
      await this.store.remove(upload.id).catch(() => undefined);
      await this.repo.deletePending(upload.id);
      throw uploadProblem(err, { bytes: this.config.store.quotaBytes, by: 'quota' });
    }
    return file;
  }

  private async hashStored(file: StoredObject): Promise<Buffer> {
    const hash = createHash('sha256');
    if (file.size > 0) for await (const chunk of await this.store.read(file, 0, file.size - 1, AbortSignal.timeout(3_600_000))) hash.update(chunk as Buffer);
    return hash.digest();
  }

  private async drop(upload: PendingUpload): Promise<void> {
    this.hashes.forget(upload.id);
    await this.store.discard(upload.session);
    await this.repo.deletePending(upload.id);
  }

  /** The owner's unfinished upload; an expired one is gone (410) unless `evenExpired`. */
  private async pending(id: string, owner: string, evenExpired = false): Promise<PendingUpload | null> {
    const upload = /^[0-9a-f-]{36}$/.test(id) ? await this.repo.findPending(id) : null;
    if (!upload || upload.owner !== owner) return null;
    if (!evenExpired && upload.expiresAt <= this.clock.now()) throw new DomainError('UPLOAD_EXPIRED', `The upload expired at ${upload.expiresAt.toISOString()}`);
    return upload;
  }

  private unchanged(upload: PendingUpload): UploadState {
    return { id: upload.id, offset: upload.offset, length: upload.length, metadata: upload.metadata, expiresAt: upload.expiresAt };
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.store.uploadExpiryMinutes * 60_000);
  }
}

/** Ends `source` when `signal` aborts, as if its connection had broken. */
async function* stoppable(source: AsyncIterable<Buffer>, signal: AbortSignal): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    if (signal.aborted) throw signal.reason;
    yield chunk;
  }
}

async function* tapped(source: AsyncIterable<Buffer>, hash: Hash | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    hash?.update(chunk);
    yield chunk;
  }
}
