import type { Compression } from '../archive/compression.js';

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
  readonly public: boolean;
  readonly fileCount: number;
  /** How the download stores its entries, unless a request says otherwise. */
  readonly compression: Compression;
  /** Whether the download ends with MANIFEST.txt and MANIFEST.csv, unless a request says otherwise. */
  readonly coverSheet: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  /** Where every byte of the stored zip lies, once learnt (see archive/layout); null until then. */
  readonly layout: BundleLayout | null;
}

/**
 * The byte layout of a bundle's zip with every entry stored: what an exact
 * Content-Length, a strong ETag and byte ranges rest on. Valid for one bundle
 * version (`forVersion` = updatedAt) and as long as each source keeps its version.
 */
export interface BundleLayout {
  readonly forVersion: string;
  readonly learntAt: string;
  /** Strong, quoted. */
  readonly etag: string;
  readonly size: number;
  readonly coverSheet: readonly PlacedEntry[];
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly entryCount: number;
}

/** An entry of a laid-out zip: what it holds, how it is written, where it starts. */
export interface PlacedEntry {
  readonly name: string;
  readonly size: number;
  readonly crc32: number;
  /** `stored` (method 0) when size and CRC-32 were known before its header; `blocks` (deflate stored blocks) otherwise. */
  readonly encoding: 'stored' | 'blocks';
  /** Of its local header, from the start of the zip. */
  readonly offset: number;
}

/** A file with its place in the layout; the layout fields are null until learnt. */
export interface LaidOutFile extends IndexedFileRef {
  readonly entry: (PlacedEntry & { readonly version: string }) | null;
}

export interface BundleChanges {
  readonly filename?: string;
  readonly public?: boolean;
  readonly compression?: Compression;
  readonly coverSheet?: boolean;
  readonly expiresAt?: Date;
}
