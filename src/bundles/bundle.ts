import type { Compression } from '../archive/compression.js';
import type { Layout } from '../layouts/layout.js';

/** Domain types: what services and controllers work with, free of TypeORM. */
export interface FileRef {
  readonly src: string;
  readonly dst?: string;
}

export interface IndexedFileRef extends FileRef {
  readonly index: number;
}

export interface Bundle {
  readonly id: string;
  readonly secretHash: Buffer;
  readonly filename: string;
  /** The API key that created it (its key id), whose stored files it may name; null if created without one. */
  readonly owner: string | null;
  readonly public: boolean;
  readonly fileCount: number;
  /** How the download stores its entries, unless a request says otherwise. */
  readonly compression: Compression;
  /** Whether the download ends with MANIFEST.txt and MANIFEST.csv, unless a request says otherwise. */
  readonly coverSheet: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  /** Where every byte of the bundle's zip lies, once learnt (see src/layouts); null until then. */
  readonly layout: Layout | null;
}

export interface BundleChanges {
  readonly filename?: string;
  readonly public?: boolean;
  readonly compression?: Compression;
  readonly coverSheet?: boolean;
  readonly expiresAt?: Date;
}
