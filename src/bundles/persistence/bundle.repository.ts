import type { Bundle, BundleChanges, FileRef, IndexedFileRef } from '../bundle.js';

export type NewBundle = Omit<Bundle, 'fileCount' | 'layout'>;

/** The persistence port; the TypeORM adapter is the only implementation that ships. */
export abstract class BundleRepository {
  abstract insert(bundle: NewBundle, files: readonly FileRef[]): Promise<Bundle>;
  abstract findById(id: string): Promise<Bundle | null>;
  /** Just the secret's digest: the same small read whether or not the secret will match. */
  abstract secretHash(id: string): Promise<Buffer | null>;
  /**
   * Appends under a row lock, so concurrent appends get distinct positions.
   * Resolves null for an unknown bundle; rejects with TooManyFilesError past `maxTotal`.
   */
  abstract appendFiles(id: string, files: readonly FileRef[], maxTotal: number, now: Date): Promise<Bundle | null>;
  /** Whether every file of the bundle is a `store://` file. */
  abstract onlyStoredFiles(id: string): Promise<boolean>;
  abstract listFiles(id: string, fromIndex: number, limit: number): Promise<IndexedFileRef[]>;
  /** Also forgets the layout: every change makes a new bundle version. */
  abstract update(id: string, changes: BundleChanges, now: Date): Promise<Bundle | null>;
  abstract delete(id: string): Promise<boolean>;
  /** Deletes up to `limit` expired bundles; safe to run from several instances at once. */
  abstract deleteExpired(now: Date, limit: number): Promise<number>;
}

export class TooManyFilesError extends Error {
  constructor(readonly current: number, readonly max: number) {
    super(`the bundle holds ${current} files and may hold at most ${max}`);
  }
}
