import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../problems/domain-error.js';
import { CacheFill, HotCache } from './cache/hot-cache.js';
import { FileStore, StoreFullError } from './file-store.js';
import { Fingerprint, metered, TooLargeError } from './fingerprint.js';
import { QuotaExceededError, StoredFileRepository } from './persistence/stored-file.repository.js';
import type { StoredFile } from './stored-file.js';

/** A file as a client announces it, before its bytes. */
export interface IncomingFile {
  readonly owner: string;
  readonly name: string;
  readonly contentType: string;
  /** From Content-Length, when the body's length is known ahead. */
  readonly length?: number;
  /** From Content-Digest: the bytes must match it. */
  readonly sha256?: Buffer;
}

/**
 * Takes a file in, in one request: the bytes go to the store as they arrive,
 * fingerprinted on the way (size, CRC-32, SHA-256), and the file exists only
 * once every byte is stored and checked. Anything that fails before (a client
 * gone, a digest that differs, a limit, a full store) leaves nothing behind.
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly store: FileStore,
    private readonly repo: StoredFileRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cache: HotCache,
  ) {}

  async receive(incoming: IncomingFile, body: AsyncIterable<Buffer>): Promise<StoredFile> {
    const limit = await this.limitFor(incoming.owner, incoming.length);
    const id = randomUUID();
    const session = await this.store.begin(id).catch(storeProblem);
    const fingerprint = Fingerprint.fresh();
    // A small file goes into the cache as it passes, so that reading it back right away costs no store read.
    const fill = this.cache.keeps(incoming.length ?? 0) ? new CacheFill(this.config.store.cache.maxFileBytes) : undefined;
    let completed = false;
    try {
      const written = await this.store.append(session, 0, metered(fill ? fill.tap(body) : body, fingerprint, limit.bytes), 'with-body');
      if (incoming.length !== undefined && fingerprint.size !== incoming.length) {
        throw new DomainError('VALIDATION_FAILED', `The body had ${fingerprint.size} bytes, not the ${incoming.length} of its Content-Length`);
      }
      const sha256 = fingerprint.sha256()!;
      if (incoming.sha256 && !timingSafeEqual(incoming.sha256, sha256)) {
        throw new DomainError('DIGEST_MISMATCH', `The body's SHA-256 is sha-256=:${sha256.toString('base64')}:, not the one in Content-Digest`);
      }
      const key = await this.store.complete(id, written, fingerprint.size);
      completed = true;
      const file: StoredFile = { id, owner: incoming.owner, name: incoming.name, contentType: incoming.contentType, size: fingerprint.size, sha256, crc32: fingerprint.crc32, key, createdAt: this.clock.now() };
      await this.repo.insert(file, this.config.store.quotaBytes);
      const bytes = fill?.bytes();
      if (bytes) this.cache.put(id, bytes);
      return file;
    } catch (err) {
      await (completed ? this.store.remove(id) : this.store.discard(session)).catch((cleanup: unknown) => this.logger.warn({ err: cleanup, file: id }, 'could not remove an unfinished upload'));
      throw uploadProblem(err, limit);
    }
  }

  /** Removes a file stored earlier in the same request, when a later part of it failed. */
  async undo(file: StoredFile): Promise<void> {
    await this.repo.delete(file.id);
    await this.store.remove(file.id);
  }

  /** The most bytes the owner may store now, and which limit that is; refuses at once a length already past it. */
  async limitFor(owner: string, length: number | undefined): Promise<Limit> {
    const { maxFileBytes, quotaBytes } = this.config.store;
    const left = quotaBytes > 0 ? Math.max(0, quotaBytes - (await this.repo.usedBytes(owner))) : Infinity;
    const limit: Limit = left < maxFileBytes ? { bytes: left, by: 'quota' } : { bytes: maxFileBytes, by: 'size' };
    if (length !== undefined && length > limit.bytes) throw tooLarge(limit);
    return limit;
  }
}

export interface Limit {
  readonly bytes: number;
  readonly by: 'size' | 'quota';
}

export function tooLarge(limit: Limit): DomainError {
  return limit.by === 'size'
    ? new DomainError('FILE_TOO_LARGE', `A stored file is at most ${limit.bytes} bytes (STORE_MAX_FILE_BYTES)`)
    : new DomainError('QUOTA_EXCEEDED', `The API key may store ${limit.bytes} more bytes (STORE_QUOTA_BYTES)`);
}

/** A store or limit failure as the problem a client is shown; anything else as it is. */
export function uploadProblem(err: unknown, limit: Limit): unknown {
  if (err instanceof TooLargeError) return tooLarge(limit);
  if (err instanceof QuotaExceededError) return new DomainError('QUOTA_EXCEEDED', `The file does not fit the API key's quota of ${err.quota} bytes (${err.used} used)`);
  if (err instanceof StoreFullError) return new DomainError('STORE_FULL', 'The store has no space left; nothing was kept');
  return err;
}

function storeProblem(err: unknown): never {
  throw err instanceof StoreFullError ? new DomainError('STORE_FULL', 'The store has no space left') : err;
}
