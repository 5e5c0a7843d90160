import type { SealedKey } from './encryption/key-wrapper.js';

/** A file in the service's own store: immutable once stored (a new upload is a new file). */
export interface StoredFile {
  readonly id: string;
  /** The API key that uploaded it (its key id); only that key sees it. */
  readonly owner: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: Buffer;
  readonly crc32: number;
  /** Its data key, wrapped, when it is stored encrypted. */
  readonly key: SealedKey | null;
  readonly createdAt: Date;
}

/** A resumable (tus) upload not yet finished: how far it got, and where its bytes wait. */
export interface PendingUpload {
  readonly id: string;
  readonly owner: string;
  readonly length: number;
  readonly offset: number;
  readonly name: string;
  readonly contentType: string;
  /** The tus Upload-Metadata as sent, kept to echo back. */
  readonly metadata: string | null;
  /** Where the file store keeps the bytes so far (its own format). */
  readonly session: StoreSession;
  /** CRC-32 of the bytes so far: it continues across requests and instances. */
  readonly crc32: number;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/** A file store's record of an unfinished write, kept in the database between requests. */
export type StoreSession = Readonly<Record<string, unknown>>;

/** The strong ETag of a stored file's bytes. */
export function contentTag(file: Pick<StoredFile, 'sha256'>): string {
  return `"${file.sha256.toString('base64url')}"`;
}

export function storeUri(id: string): string {
  return `store://${id}`;
}
