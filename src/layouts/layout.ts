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

/**
 * A file's entry: its place and source version, known from a download that got
 * to it or from a stat; its CRC-32 once the whole source was read (until then
 * undefined, and the layout it belongs to is provisional).
 */
export interface FileEntry extends Omit<LaidOutEntry, 'crc32' | 'version'> {
  readonly version: string;
  readonly crc32: number | undefined;
}

/** A file with its entry; null until placed. */
export interface LaidOutFile extends IndexedFileRef {
  readonly entry: FileEntry | null;
}

/**
 * A bundle version's zip planned before its layout was learnt, to answer a range
 * (a resumed first download): the files placed by earlier downloads' rows or by
 * stats, the CRC-32s still missing found by reading while the range is sent.
 * The same bytes and the same ETag as the layout that it becomes.
 */
export interface ProvisionalLayout {
  readonly forVersion: string;
  readonly etag: string;
  readonly size: number;
  readonly coverSheet: readonly (Omit<LaidOutEntry, 'crc32'> & { readonly crc32: undefined })[];
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly entryCount: number;
  /** How many files still lack their CRC-32. */
  readonly unlearnt: number;
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
