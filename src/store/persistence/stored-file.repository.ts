import type { SealedKey } from '../encryption/key-wrapper.js';
import type { PendingUpload, StoredFile } from '../stored-file.js';

/** A data key in the database: a stored file's, or an unfinished upload's. */
export interface KeyHolder {
  readonly kind: 'file' | 'upload';
  readonly id: string;
  readonly key: SealedKey;
}

/** Storing a file would take its owner past STORE_QUOTA_BYTES. */
export class QuotaExceededError extends Error {
  constructor(readonly used: number, readonly quota: number) {
    super(`the quota of ${quota} bytes would be exceeded (${used} bytes stored)`);
  }
}

/** The port for what the database keeps of stored files and unfinished uploads. */
export abstract class StoredFileRepository {
  /** Inserts the file unless its owner's files would exceed `quota` bytes (0: no limit); also ends the pending upload of that id. */
  abstract insert(file: StoredFile, quota: number): Promise<void>;
  abstract find(id: string): Promise<StoredFile | null>;
  abstract findOwned(id: string, owner: string): Promise<StoredFile | null>;
  /** The names of those of `ids` that exist and belong to `owner`. */
  abstract namesOwned(ids: readonly string[], owner: string): Promise<Map<string, string>>;
  /** The owner's files, newest first, after the (createdAt, id) of the previous page's last. */
  abstract page(owner: string, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<StoredFile[]>;
  abstract usedBytes(owner: string): Promise<number>;
  /** Whether some bundle names `store://<id>`. */
  abstract referenced(id: string): Promise<boolean>;
  abstract delete(id: string): Promise<boolean>;

  abstract insertPending(upload: PendingUpload): Promise<void>;
  abstract findPending(id: string): Promise<PendingUpload | null>;
  /** Moves the upload on from `fromOffset`; false when another request moved it first. */
  abstract advancePending(id: string, fromOffset: number, to: Pick<PendingUpload, 'offset' | 'session' | 'crc32' | 'expiresAt'>): Promise<boolean>;
  abstract deletePending(id: string): Promise<boolean>;
  abstract expiredPending(now: Date, limit: number): Promise<PendingUpload[]>;
  /** Whether an unfinished upload with this id exists (temporary bytes of one are not orphans). */
  abstract pendingExists(id: string): Promise<boolean>;

  /** The master key ids that wrap some file's or unfinished upload's data key. */
  abstract masterKeysInUse(): Promise<string[]>;
  /** Up to `limit` data keys wrapped by another master key than `kid`. */
  abstract keysNotUnder(kid: string, limit: number): Promise<KeyHolder[]>;
  /** Replaces a data key's wrapping, unless it changed since it was read; false then. */
  abstract replaceKey(holder: KeyHolder, key: SealedKey): Promise<boolean>;
}
