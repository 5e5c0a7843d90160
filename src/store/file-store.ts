import type { Readable } from 'node:stream';
import type { SealedKey } from './encryption/key-wrapper.js';
import type { StoreSession } from './stored-file.js';

/** The store has no room left (a full disk, or a bucket that refuses). */
export class StoreFullError extends Error {}

/**
 * When a file is whole: when the body of this request ends (a one-request
 * upload), or once it holds `size` bytes (a resumable one, whose request may
 * break off early; more bytes then follow in another).
 */
export type FileEnd = 'with-body' | { readonly size: number };

/** A stored file as the store reads it: its key when it was stored encrypted. */
export interface StoredObject {
  readonly id: string;
  readonly size: number;
  readonly key: SealedKey | null;
}

/**
 * The port behind which the bytes of stored files live: local disk or S3. A
 * file is written through a session (a temporary file, a multipart upload),
 * which a one-request upload opens and completes at once and a resumable one
 * keeps, as JSON in the database, between requests. Nothing appears under a
 * file's final key before `complete`.
 */
export abstract class FileStore {
  abstract readonly kind: 'local' | 's3';
  /** Opens a session for the file `id`. */
  abstract begin(id: string): Promise<StoreSession>;
  /**
   * Appends `body` at `offset` (the session's committed length: anything written
   * past it before is dropped). Returns the session holding every byte the body
   * gave, also when it ended early; throws only when the store failed.
   */
  abstract append(session: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>, end: FileEnd): Promise<StoreSession>;
  /** Makes the session's `size` bytes the file `id`, readable from then on; returns its key if it is encrypted. */
  abstract complete(id: string, session: StoreSession, size: number): Promise<SealedKey | null>;
  /** Removes whatever the session holds. Never throws for what is already gone. */
  abstract discard(session: StoreSession): Promise<void>;
  /** Once `current` is committed: removes what `previous` held that `current` no longer needs. */
  abstract retire(previous: StoreSession, current: StoreSession): Promise<void>;
  /** Bytes `start`..`end` (inclusive) of the file `id`, with backpressure. */
  abstract read(file: StoredObject, start: number, end: number, signal: AbortSignal): Promise<Readable>;
  abstract remove(id: string): Promise<void>;
  /** Removes temporaries older than `before` that belong to no unfinished upload; returns how many. */
  abstract purgeTemporaries(before: Date, pending: (id: string) => Promise<boolean>): Promise<number>;
  abstract checkHealth(signal: AbortSignal): Promise<Record<string, unknown>>;
}
