import { Injectable } from '@nestjs/common';
import { crc32 } from '@node-rs/crc32';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout, LaidOutEntry } from '../layouts/layout.js';
import { AppConfig } from '../config/app-config.js';
import type { ReadPace } from '../storage/read-pace.js';
import { Storage } from '../storage/storage.js';
import { coverSheetFiles } from '../archive/cover-sheet.js';
import { LazySource } from '../archive/lazy-source.js';
import { type Prefetchable, prefetchWindow } from '../archive/prefetch-window.js';
import { LayoutMismatchError, layoutRange, type PlacedSource, type PlannedEntry, sourcePart } from '../archive/zip/zip-layout.js';
import { LaidOutPages } from '../layouts/laid-out-pages.js';
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
   * fails its read, so what goes out is always a slice of this one layout.
   */
  async *range(
    bundle: Bundle,
    layout: Layout,
    range: { start: number; end: number; fromFile: number },
    io: { pace: ReadPace; signal: AbortSignal },
  ): AsyncGenerator<Buffer> {
    const { start, end, fromFile } = range;
    const { pace, signal } = io;
    const mtime = bundle.updatedAt;
    const firstCover = layout.coverSheet[0]?.offset ?? layout.centralOffset;
    let coverData: Promise<Buffer[]> | undefined;
    const coverSheet = () => (coverData ??= this.coverSheetData(bundle, layout));

    const pages = this.pages;
    const depth = this.config.archive.prefetch;
    const source = (src: string, entry: LaidOutEntry & { readonly version: string }) => this.placedSource(src, entry, { mtime, start, end, pace, signal });
    const files = async function* (): AsyncGenerator<PlacedSource & Prefetchable> {
      if (start >= firstCover) return;
      for await (const { src, entry } of pages.placed(bundle, fromFile)) {
        if (entry.offset > end) return; // nothing past the range is opened, not even ahead
        yield source(src, entry);
      }
    };
    const from = async function* (): AsyncGenerator<PlacedSource> {
      yield* prefetchWindow(files(), depth);
      for (const [i, entry] of layout.coverSheet.entries()) {
        yield { ...entry, read: async function* (f: number, t: number) { yield (await coverSheet())[i].subarray(f, t + 1); } };
      }
    };
    const all = async function* (): AsyncGenerator<PlannedEntry> {
      for await (const { entry } of pages.placed(bundle)) yield entry;
      yield* layout.coverSheet;
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
    entry: LaidOutEntry & { readonly version: string },
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
