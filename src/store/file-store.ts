import type { Readable } from 'node:stream';
import type { StoreSession } from './stored-file.js';

/** The store has no room left (a full disk, or a bucket that refuses). */
export class StoreFullError extends Error {}

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
   * gave, also when it ended early; throws only when the store failed. With
   * `last`, no more bytes follow.
   */
  abstract append(session: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>, last: boolean): Promise<StoreSession>;
  /** Makes the session's `size` bytes the file `id`, readable from then on. */
  abstract complete(id: string, session: StoreSession, size: number): Promise<void>;
  /** Removes whatever the session holds. Never throws for what is already gone. */
  abstract discard(session: StoreSession): Promise<void>;
  /** Once `current` is committed: removes what `previous` held that `current` no longer needs. */
  abstract retire(previous: StoreSession, current: StoreSession): Promise<void>;
  /** Bytes `start`..`end` (inclusive) of the file `id`, with backpressure. */
  abstract read(id: string, start: number, end: number, signal: AbortSignal): Promise<Readable>;
  abstract remove(id: string): Promise<void>;
  /** Removes temporaries older than `before` that belong to no unfinished upload; returns how many. */
  abstract purgeTemporaries(before: Date, pending: (id: string) => Promise<boolean>): Promise<number>;
  abstract checkHealth(signal: AbortSignal): Promise<Record<string, unknown>>;
}
