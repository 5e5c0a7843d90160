import type { FileEntry, LaidOutFile, Layout, LayoutJob } from './layout.js';

/** A file's entry as a download, a seal or a provisional layout records it (the CRC-32 once known). */
export interface LearntEntry extends FileEntry {
  readonly index: number;
}

/** The persistence port of layouts; the TypeORM adapter is the only implementation that ships. */
export abstract class LayoutRepository {
  /** Files with their entries, in order. */
  abstract listLaidOut(bundleId: string, fromIndex: number, limit: number): Promise<LaidOutFile[]>;
  /** The index of the file whose entry holds `offset` (the last one starting at or before it). */
  abstract fileAt(bundleId: string, offset: number): Promise<number | undefined>;
  /** Writes entries; one without a CRC-32 keeps the CRC-32 its row has for the same place and version. */
  abstract recordEntries(bundleId: string, entries: readonly LearntEntry[]): Promise<void>;
  /** Stores a layout if the bundle is still at the version it was learnt for; false otherwise. */
  abstract save(bundleId: string, layout: Layout): Promise<boolean>;
  /** Forgets a layout, unless another has replaced it meanwhile. */
  abstract drop(bundleId: string, etag: string): Promise<void>;
  /** Forgets the layout and every file's entry. */
  abstract forget(bundleId: string): Promise<void>;

  /**
   * Claims the learning of a bundle version's layout for `owner`, unless another
   * instance runs a job for that version whose heartbeat is after `staleBefore`
   * (a seal may also take over from a download that is learning). True when claimed.
   */
  abstract claim(bundleId: string, job: Pick<LayoutJob, 'forVersion' | 'kind' | 'owner' | 'heartbeatAt'>, staleBefore: Date): Promise<boolean>;
  /** Reports progress (and keeps the claim fresh); false when the claim was lost. */
  abstract progress(bundleId: string, owner: string, progress: Pick<LayoutJob, 'filesDone' | 'bytesRead' | 'heartbeatAt'>): Promise<boolean>;
  /** Ends a job: `sealed` and `failed` stay visible, a download's learning leaves nothing. */
  abstract finish(bundleId: string, owner: string, outcome: { state: 'sealed' } | { state: 'failed'; error: string } | { state: 'released' }): Promise<void>;
  abstract job(bundleId: string): Promise<LayoutJob | undefined>;
}
