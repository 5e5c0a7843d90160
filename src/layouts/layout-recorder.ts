import { Logger } from '@nestjs/common';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout, LaidOutEntry } from './layout.js';
import type { LayoutRepository, LearntEntry } from './layout.repository.js';
import { LayoutPlanner } from '../archive/zip/zip-layout.js';
import type { CoverSheetFile } from '../archive/cover-sheet.js';
import { crc32 } from '@node-rs/crc32';
import { pinnableEtag } from './source-version.js';
import { LayoutTag } from './layout-tag.js';

const BATCH = 500;

/**
 * Learns a bundle's layout from entries met in order (a download, or sealing):
 * places each one, writes them to the file rows in batches (memory stays flat
 * however many files), and on `finish` stores the layout, if nothing was left
 * out and the bundle is still at the version it started from.
 */
export class LayoutRecorder {
  private readonly logger = new Logger(LayoutRecorder.name);
  private readonly planner: LayoutPlanner;
  private readonly tag: LayoutTag;
  private pending: LearntEntry[] = [];
  /** The entry being read now: recorded without its CRC-32 if the download stops inside it. */
  private current: LearntEntry | undefined;
  private writes: Promise<void> = Promise.resolve();
  private count = 0;
  private abandoned: string | undefined;
  private finishing: Promise<unknown> | undefined;

  constructor(
    private readonly bundle: Bundle,
    private readonly repo: LayoutRepository,
    private readonly now: () => Date,
    /** Told once nothing of this recorder is still being written. */
    private readonly settledHook: (recorder: LayoutRecorder) => void = () => undefined,
  ) {
    this.planner = new LayoutPlanner(bundle.updatedAt);
    this.tag = new LayoutTag(bundle);
  }

  /**
   * The next entry's source answered: if the download stops inside it, its
   * place and version are recorded, so that a resumed download reads the rest
   * of that very version (see ProvisionalLayouts).
   */
  begin(index: number, name: string, size: number | undefined, version: string | undefined): void {
    if (this.abandoned || index !== this.count || size === undefined || version === undefined || pinnableEtag(version) === undefined) return;
    this.current = { index, name, size, crc32: undefined, encoding: 'blocks', version, offset: this.planner.peek() };
  }

  add(index: number, name: string, size: number, crc: number, version: string | undefined): void {
    if (this.abandoned) return;
    // Every read of a laid-out source insists on its version: one that cannot be pinned has no place in a layout.
    if (version === undefined || pinnableEtag(version) === undefined) return this.abandon(`${name}: the source tells no version a read can insist on`);
    if (index !== this.count) return this.abandon(`file ${index} came out of order`);
    const entry = { name, size, crc32: crc, encoding: 'blocks' as const };
    const offset = this.planner.place(entry);
    this.tag.file(name, size, version);
    this.current = undefined;
    this.pending.push({ index, ...entry, version, offset });
    this.count += 1;
    if (this.pending.length >= BATCH) this.flush();
  }

  abandon(reason: string): void {
    this.abandoned ??= reason;
    this.pending = [];
    this.current = undefined;
  }

  get bundleId(): string {
    return this.bundle.id;
  }

  /** Finished or closed: nothing more will be added. */
  get ended(): boolean {
    return this.finishing !== undefined;
  }

  /**
   * The download stopped before its end: no layout is stored, but the entries
   * met so far are (with the one it stopped in), for a resumed download to
   * build on; the recorder lets go once its writes are done.
   */
  close(): void {
    if (this.finishing) return;
    if (this.current) this.pending.push(this.current);
    this.flush();
    this.abandon('the download stopped early');
    this.finishing = this.writes;
    void this.writes.then(() => this.settledHook(this));
  }

  /** Resolves once nothing of this recorder is still being written. */
  async settled(): Promise<void> {
    await this.writes;
    await this.finishing?.catch(() => undefined);
  }

  /** Stores the layout; `coverSheet` is the cover sheet's files as they end the zip (none without one). */
  finish(coverSheet: readonly CoverSheetFile[]): Promise<Layout | undefined> {
    const finishing = this.store(coverSheet).finally(() => this.settledHook(this));
    this.finishing = finishing;
    return finishing;
  }

  private async store(files: readonly CoverSheetFile[]): Promise<Layout | undefined> {
    this.flush();
    await this.writes;
    if (!this.abandoned && this.count !== this.bundle.fileCount) this.abandon(`${this.count} of ${this.bundle.fileCount} files`);
    if (this.abandoned) {
      this.logger.debug({ bundle: this.bundle.id, reason: this.abandoned }, 'no layout learnt');
      return undefined;
    }
    const coverSheet: LaidOutEntry[] = files.map(({ name, data }) => {
      const entry = { name, size: data.length, crc32: crc32(data), encoding: 'stored' as const };
      this.tag.coverSheet(entry.name, entry.size);
      return { ...entry, offset: this.planner.place(entry) };
    });
    const frame = this.planner.frame();
    const layout: Layout = {
      forVersion: this.bundle.updatedAt.toISOString(),
      learntAt: this.now().toISOString(),
      etag: this.tag.etag(),
      coverSheet,
      ...frame,
    };
    return (await this.repo.save(this.bundle.id, layout)) ? layout : undefined;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.writes = this.writes.then(() =>
      this.repo.recordEntries(this.bundle.id, batch).catch((err: unknown) => this.abandon(`recording failed: ${(err as Error).message}`)),
    );
  }
}
