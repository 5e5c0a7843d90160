import type { IndexedFileRef } from '../bundles/bundle.js';
import type { PlannedEntry } from '../archive/zip/zip-entry.js';

/**
 * What is known of a bundle version's zip (see README, "Resumable downloads"):
 * the frame, the cover sheet's entries and a strong ETag; each file's entry is
 * kept with the file. Valid for one bundle version (`forVersion` = updatedAt)
 * and as long as each source keeps its version.
 */
export interface Layout {
  readonly forVersion: string;
  readonly learntAt: string;
  /** Strong, quoted. */
  readonly etag: string;
  readonly size: number;
  readonly coverSheet: readonly LaidOutEntry[];
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly entryCount: number;
}

/** One entry of a laid-out zip: what it holds, how it is written, where it starts, and (for a file) the source version it came from. */
export interface LaidOutEntry extends PlannedEntry {
  /** Of its local header, from the start of the zip. */
  readonly offset: number;
  /** The source version a read insists on; none for cover-sheet entries. */
  readonly version?: string;
}

/** A file with its entry in the layout; null until learnt. */
export interface LaidOutFile extends IndexedFileRef {
  readonly entry: (LaidOutEntry & { readonly version: string }) | null;
}

/** Who is learning a bundle version's layout, and how far it got (see LayoutRepository.claim). */
export interface LayoutJob {
  readonly forVersion: Date;
  readonly kind: 'seal' | 'learn';
  readonly owner: string;
  readonly state: 'running' | 'sealed' | 'failed';
  readonly filesDone: number;
  readonly bytesRead: number;
  readonly error?: string;
  readonly heartbeatAt: Date;
}
