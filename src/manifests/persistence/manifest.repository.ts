import type { IndexedFileRef } from '../../bundles/bundle.js';

/** A bundle's file with what is known of it: from the store for a stored file, else from the last download that read it. */
export interface KnownFile extends IndexedFileRef {
  readonly size: number | undefined;
  readonly crc32: number | undefined;
  readonly version: string | undefined;
}

/** The persistence port for manifests. */
export abstract class ManifestRepository {
  /** Up to `limit` files from `fromIndex` on, in order. */
  abstract knownFiles(bundleId: string, fromIndex: number, limit: number): Promise<KnownFile[]>;
}
