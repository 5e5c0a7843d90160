import { Injectable } from '@nestjs/common';
import { crc32 } from '@node-rs/crc32';
import type { Bundle } from '../bundles/bundle.js';
import type { FileEntry, Layout, ProvisionalLayout } from '../layouts/layout.js';
import { AppConfig } from '../config/app-config.js';
import type { ReadPace } from '../storage/read-pace.js';
import { Storage } from '../storage/storage.js';
import { coverSheetFiles } from '../archive/cover-sheet.js';
import { LazySource } from '../archive/lazy-source.js';
import { type Prefetchable, prefetchWindow } from '../archive/prefetch-window.js';
import { LayoutMismatchError } from '../archive/zip/layout-errors.js';
import { layoutRange, type PlacedSource, type PlannedEntry, sourcePart } from '../archive/zip/zip-layout.js';
import { LaidOutPages, LayoutGoneError, type LearntFileEntry } from '../layouts/laid-out-pages.js';
import { type PlacedFile, ProvisionalLearning } from '../layouts/provisional-learning.js';
import { pinnableEtag } from '../layouts/source-version.js';

/** The bytes of a laid-out zip, or of any range of it, read from the sources it covers and nothing else. */
@Injectable()
export class LaidOutBytes {
  constructor(
    private readonly pages: LaidOutPages,
    private readonly storage: Storage,
    private readonly config: AppConfig,
  ) {}

  /**
   * Bytes start..end of the laid-out zip, reading only the files from `fromFile`
   * on, each pinned to the version it was laid out from: a source that changed
   * fails its read, so what goes out is always a slice of this one layout. A
   * provisional layout comes with its `learning`: a file whose CRC-32 is still
   * unknown is read whole when its CRC-32 is needed (a range that covers its
   * descriptor, the central directory or the cover sheet).
   */
  async *range(
    bundle: Bundle,
    layout: Layout | ProvisionalLayout,
    range: { start: number; end: number; fromFile: number },
    io: { pace: ReadPace; signal: AbortSignal; learning?: ProvisionalLearning },
  ): AsyncGenerator<Buffer> {
    const { start, end, fromFile } = range;
    const { pace, signal, learning } = io;
    const mtime = bundle.updatedAt;
    const firstCover = layout.coverSheet[0]?.offset ?? layout.centralOffset;
    let coverData: Promise<Buffer[]> | undefined;
    const coverSheet = () => (coverData ??= learning ? learning.coverSheetData() : this.coverSheetData(bundle, layout as Layout));

    const pages = this.pages;
    const rows = (from: number) => (learning ? pages.entered(bundle, from) : pages.placed(bundle, from));
    const crcOf = async (file: PlacedFile) => (learnt(file.entry) ? file.entry.crc32 : await learningOf(learning, file).crcOf(file));
    const depth = this.config.archive.prefetch;
    const source = (src: string, entry: LearntFileEntry) => this.placedSource(src, entry, { mtime, start, end, pace, signal });
    const files = async function* (): AsyncGenerator<PlacedSource & Prefetchable> {
      if (start >= firstCover) return;
      for await (const file of rows(fromFile)) {
        if (file.entry.offset > end) return; // nothing past the range is opened, not even ahead
        yield learnt(file.entry) ? source(file.src, file.entry) : learningOf(learning, file).placed(file);
      }
    };
    const from = async function* (): AsyncGenerator<PlacedSource> {
      yield* prefetchWindow(files(), depth);
      for (const [i, entry] of layout.coverSheet.entries()) {
        const checksum = async () => crc32((await coverSheet())[i]);
        yield { ...entry, checksum, read: async function* (f: number, t: number) { yield (await coverSheet())[i].subarray(f, t + 1); } };
      }
    };
    const all = async function* (): AsyncGenerator<PlannedEntry> {
      for await (const file of rows(0)) yield { ...file.entry, crc32: await crcOf(file) };
      for (const [i, entry] of layout.coverSheet.entries()) yield { ...entry, crc32: entry.crc32 ?? crc32((await coverSheet())[i]) };
    };
    yield* layoutRange(layout, mtime, start, end, from(), all, { release: (chunk) => pace.recycle(chunk), lend: (view) => pace.lend(view) });
  }

  /**
   * A file's entry that reads exactly the part of its source inside start..end,
   * pinned to the recorded version, and can start that read ahead of its turn
   * (one small buffer, as in streamed zips).
   */
  private placedSource(
    src: string,
    entry: LearntFileEntry,
    ctx: { mtime: Date; start: number; end: number; pace: ReadPace; signal: AbortSignal },
  ): PlacedSource & Prefetchable {
    const part = sourcePart(entry, entry.offset, ctx.mtime, ctx.start, ctx.end);
    const { signal, pace } = ctx;
    const source =
      part && new LazySource((allocate) => this.storage.open(src, { start: part.start, end: part.end, size: entry.size, etag: pinnableEtag(entry.version), signal, pace: { allocate } }), pace);
    return {
      ...entry,
      prefetch: () => source?.prefetch(),
      read: (from, to) => {
        if (!source || from !== part.start || to !== part.end) throw new LayoutMismatchError(`${entry.name}: asked for ${from}-${to}, planned ${part?.start}-${part?.end}`);
        return source.take() as AsyncIterable<Buffer>;
      },
    };
  }

  private async coverSheetData(bundle: Bundle, layout: Layout): Promise<Buffer[]> {
    const files = coverSheetFiles(await this.pages.coverSheetInput(bundle));
    if (files.length !== layout.coverSheet.length || files.some((f, i) => f.data.length !== layout.coverSheet[i].size || crc32(f.data) !== layout.coverSheet[i].crc32)) {
      throw new LayoutMismatchError('the cover sheet no longer matches the layout');
    }
    return files.map((f) => f.data);
  }
}

function learnt(entry: FileEntry): entry is LearntFileEntry {
  return entry.crc32 !== undefined;
}

/** Only a provisional layout has files without a CRC-32; in a learnt one such a file means the layout went away. */
function learningOf(learning: ProvisionalLearning | undefined, file: PlacedFile): ProvisionalLearning {
  if (!learning) throw new LayoutGoneError(`file ${file.index} has no CRC-32 in the layout`);
  return learning;
}
