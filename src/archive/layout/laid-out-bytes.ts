import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { crc32 } from '@node-rs/crc32';
import type { Bundle, BundleLayout, PlacedEntry } from '../../bundles/bundle.js';
import { BundleRepository } from '../../bundles/persistence/bundle.repository.js';
import { AppConfig } from '../../config/app-config.js';
import type { ReadPace } from '../../storage/read-pace.js';
import { Storage } from '../../storage/storage.js';
import { coverSheetFiles } from '../cover-sheet.js';
import { PREFETCH_READ_BYTES, type Prefetchable, prefetchWindow } from '../prefetch-window.js';
import { LayoutMismatchError, layoutRange, type PlacedSource, type PlannedEntry, plannedHeader } from '../zip/zip-layout.js';
import type { FileSpan } from './bundle-layouts.js';
import { LaidOutPages } from './laid-out-pages.js';
import { pinnableEtag } from './source-version.js';

/** The bytes of a laid-out zip, or of any range of it, read from the sources it covers and nothing else. */
@Injectable()
export class LaidOutBytes {
  constructor(
    private readonly repo: BundleRepository,
    private readonly pages: LaidOutPages,
    private readonly storage: Storage,
    private readonly config: AppConfig,
  ) {}

  /**
   * Bytes start..end of the laid-out zip, reading only the files from `span.first`
   * on. The last chunk goes out only once `confirmed` (the check of the files not
   * read) holds and the layout is still current: a response that raced with a
   * source change ends in an abort, never in a clean end.
   */
  async *range(
    bundle: Bundle,
    layout: BundleLayout,
    range: { start: number; end: number; span: FileSpan },
    io: { pace: ReadPace; signal: AbortSignal; confirmed: () => Promise<boolean> },
  ): AsyncGenerator<Buffer> {
    const { start, end, span } = range;
    const { pace, signal, confirmed } = io;
    const mtime = bundle.updatedAt;
    const firstCover = layout.coverSheet[0]?.offset ?? layout.centralOffset;
    let coverData: Promise<Buffer[]> | undefined;
    const coverSheet = () => (coverData ??= this.coverSheetData(bundle, layout));

    const pages = this.pages;
    const depth = this.config.archive.prefetch;
    const source = (src: string, entry: PlacedEntry & { readonly version: string }) => this.placedSource(src, entry, { mtime, start, end, pace, signal });
    const files = async function* (): AsyncGenerator<PlacedSource & Prefetchable> {
      if (start >= firstCover) return;
      for await (const { src, entry } of pages.placed(bundle, span.first)) {
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

    let left = end - start + 1;
    for await (const chunk of layoutRange(layout, mtime, start, end, from(), all, (chunk) => pace.recycle(chunk))) {
      left -= chunk.length;
      if (left === 0) {
        if (!(await confirmed())) throw new LayoutMismatchError('a source changed since the layout was learnt');
        const now = await this.repo.findById(bundle.id);
        if (now?.layout?.etag !== layout.etag) throw new LayoutMismatchError('the layout changed while it was sent');
      }
      yield chunk;
    }
  }

  /**
   * A file's entry that reads exactly the part of its data inside start..end,
   * pinned to the recorded version, and can start that read ahead of its turn
   * (one small buffer, as in streamed zips).
   */
  private placedSource(
    src: string,
    entry: PlacedEntry & { readonly version: string },
    ctx: { mtime: Date; start: number; end: number; pace: ReadPace; signal: AbortSignal },
  ): PlacedSource & Prefetchable {
    const dataAt = entry.offset + plannedHeader(entry, ctx.mtime).length;
    const part = { from: Math.max(ctx.start, dataAt) - dataAt, to: Math.min(ctx.end, dataAt + entry.size - 1) - dataAt };
    let stream: Readable | undefined;
    let current = false;
    let failure: unknown;
    const open = () => {
      if (stream) return stream;
      const allocate = () => ctx.pace.allocate(current ? undefined : PREFETCH_READ_BYTES);
      stream = this.storage.open(src, { start: part.from, end: part.to, size: entry.size, etag: pinnableEtag(entry.version), signal: ctx.signal, pace: { allocate } });
      // Listening at once: a prefetched source that fails must not be an unhandled 'error'.
      stream.on('error', (err) => (failure ??= err));
      stream.read(0);
      return stream;
    };
    return {
      name: entry.name,
      size: entry.size,
      crc32: entry.crc32,
      offset: entry.offset,
      prefetch: () => void (part.from <= part.to && open()),
      read: (from, to) => {
        if (from !== part.from || to !== part.to) throw new LayoutMismatchError(`${entry.name}: asked for ${from}-${to}, planned ${part.from}-${part.to}`);
        current = true;
        const s = open();
        if (failure) throw failure;
        return s as AsyncIterable<Buffer>;
      },
    };
  }

  private async coverSheetData(bundle: Bundle, layout: BundleLayout): Promise<Buffer[]> {
    const files = coverSheetFiles(await this.pages.coverSheetInput(bundle));
    if (files.length !== layout.coverSheet.length || files.some((f, i) => f.data.length !== layout.coverSheet[i].size || crc32(f.data) !== layout.coverSheet[i].crc32)) {
      throw new LayoutMismatchError('the cover sheet no longer matches the layout');
    }
    return files.map((f) => f.data);
  }
}
