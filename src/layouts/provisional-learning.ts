import { crc32 } from '@node-rs/crc32';
import type { Bundle } from '../bundles/bundle.js';
import type { Storage } from '../storage/storage.js';
import { coverSheetFiles, type EntryOutcome } from '../archive/cover-sheet.js';
import type { Prefetchable } from '../archive/prefetch-window.js';
import { LayoutMismatchError } from '../archive/zip/layout-errors.js';
import type { PlacedSource } from '../archive/zip/zip-layout.js';
import type { FileEntry, LaidOutFile, ProvisionalLayout } from './layout.js';
import type { LayoutRepository, LearntEntry } from './layout.repository.js';
import type { LaidOutPages } from './laid-out-pages.js';
import { pinnableEtag } from './source-version.js';
import { LearningSource } from './learning-source.js';

const BATCH = 500;

export type PlacedFile = LaidOutFile & { readonly entry: FileEntry };

/**
 * What one response from a provisional layout learns: the CRC-32 of each file
 * it reads in full, recorded in batches; once none is missing, the layout is
 * stored (its ETag is the provisional one), and later downloads use it.
 */
export class ProvisionalLearning {
  private readonly sources = new Map<number, LearningSource>();
  private readonly crcs = new Map<number, number>();
  private pending: LearntEntry[] = [];
  private writes: Promise<void> = Promise.resolve();
  private coverSheet: Promise<Buffer[]> | undefined;

  constructor(
    private readonly bundle: Bundle,
    readonly layout: ProvisionalLayout,
    private readonly io: { repo: LayoutRepository; pages: LaidOutPages; storage: Storage; now: () => Date; signal: AbortSignal },
  ) {}

  /** A file without its CRC-32, as an entry of the range. */
  placed(file: PlacedFile): PlacedSource & Prefetchable {
    const source = this.source(file);
    return { ...file.entry, prefetch: () => undefined, read: (from, to) => source.read(from, to), checksum: () => source.checksum() };
  }

  async crcOf(file: PlacedFile): Promise<number> {
    return file.entry.crc32 ?? this.crcs.get(file.index) ?? (await this.source(file).checksum());
  }

  /** The cover sheet's files: they list every file's CRC-32, so the sources not read yet are read first. */
  coverSheetData(): Promise<Buffer[]> {
    return (this.coverSheet ??= this.makeCoverSheet());
  }

  /** The response went out whole: what it learnt is recorded, and the layout stored if nothing is missing. */
  async finish(): Promise<void> {
    this.flush();
    await this.writes;
    if (this.crcs.size < this.layout.unlearnt) return;
    const data = await this.coverSheetData(); // every CRC-32 is known: no source is read again
    const { forVersion, etag, size, centralOffset, centralSize, entryCount } = this.layout;
    const coverSheet = this.layout.coverSheet.map((entry, i) => ({ ...entry, crc32: crc32(data[i]) }));
    await this.io.repo.save(this.bundle.id, { forVersion, learntAt: this.io.now().toISOString(), etag, size, coverSheet, centralOffset, centralSize, entryCount });
  }

  /** The response stopped early: what it learnt is still recorded. */
  async close(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private source(file: PlacedFile): LearningSource {
    const known = this.sources.get(file.index);
    if (known) return known;
    const { src, entry } = file;
    const { storage, signal } = this.io;
    const open = (start: number) => storage.open(src, { start, end: entry.size - 1, size: entry.size, etag: pinnableEtag(entry.version), signal });
    const source = new LearningSource(entry.size, open, (crc) => this.learn(file, crc));
    this.sources.set(file.index, source);
    return source;
  }

  private learn(file: PlacedFile, crc: number): void {
    this.sources.delete(file.index);
    this.crcs.set(file.index, crc);
    this.pending.push({ ...file.entry, index: file.index, crc32: crc });
    if (this.pending.length >= BATCH) this.flush();
  }

  private async makeCoverSheet(): Promise<Buffer[]> {
    const outcomes: EntryOutcome[] = [];
    for await (const file of this.io.pages.entered(this.bundle)) {
      outcomes.push({ status: 'included', name: file.entry.name, src: file.src, size: file.entry.size, crc32: await this.crcOf(file) });
    }
    const files = coverSheetFiles({ title: this.bundle.filename, asOf: this.bundle.updatedAt, outcomes });
    const planned = this.layout.coverSheet;
    if (files.length !== planned.length || files.some((f, i) => f.data.length !== planned[i].size)) throw new LayoutMismatchError('the cover sheet does not match its plan');
    return files.map((f) => f.data);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // Recording is an optimisation: a failure costs a later download a read, never a byte.
    this.writes = this.writes.then(() => this.io.repo.recordEntries(this.bundle.id, batch)).catch(() => undefined);
  }
}
