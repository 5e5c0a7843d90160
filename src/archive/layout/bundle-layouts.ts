import type { Readable } from 'node:stream';
import { crc32 } from '@node-rs/crc32';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Bundle, BundleLayout, PlacedEntry } from '../../bundles/bundle.js';
import { BundleRepository } from '../../bundles/persistence/bundle.repository.js';
import { Clock } from '../../common/clock.js';
import type { ReadPace } from '../../storage/read-pace.js';
import { AppConfig } from '../../config/app-config.js';
import { PREFETCH_READ_BYTES, type Prefetchable, prefetchWindow } from '../prefetch-window.js';
import { Storage } from '../../storage/storage.js';
import type { Compression } from '../compression.js';
import { coverSheetFiles } from '../cover-sheet.js';
import { LayoutMismatchError, layoutRange, type PlacedSource, type PlannedEntry, plannedHeader } from '../zip/zip-layout.js';
import { LaidOutPages, LayoutGoneError } from './laid-out-pages.js';
import { StorageError } from '../../storage/storage-error.js';
import { LayoutRecorder } from './layout-recorder.js';
import { pinnableEtag, sourceVersion } from './source-version.js';

const CHECK_CONCURRENCY = 16;

/** File indexes, inclusive. */
export interface FileSpan {
  readonly first: number;
  readonly last: number;
}
const SHUTDOWN_WAIT_MS = 5000;

/** A bundle's learnt layout: when it applies, whether its sources still match, and its bytes. */
@Injectable()
export class BundleLayouts implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BundleLayouts.name);
  private readonly recorders = new Set<LayoutRecorder>();
  // Many first downloads of one bundle at once would otherwise all write the same rows.
  private readonly downloadLearners = new Map<string, LayoutRecorder>();

  constructor(
    private readonly repo: BundleRepository,
    private readonly pages: LaidOutPages,
    private readonly storage: Storage,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A layout describes the bundle's own zip: every entry stored, its own cover sheet setting. */
  applies(bundle: Bundle, compression: Compression, coverSheet: boolean): boolean {
    return compression === 'store' && coverSheet === bundle.coverSheet;
  }

  /** The layout of the bundle's current version, if one was learnt. */
  current(bundle: Bundle): BundleLayout | undefined {
    return bundle.layout?.forVersion === bundle.updatedAt.toISOString() ? bundle.layout : undefined;
  }

  /** A recorder for sealing: always a fresh one. */
  recorder(bundle: Bundle): LayoutRecorder {
    const recorder = new LayoutRecorder(bundle, this.repo, this.pages, () => this.clock.now(), (r) => {
      this.recorders.delete(r);
      if (this.downloadLearners.get(bundle.id) === r) this.downloadLearners.delete(bundle.id);
    });
    this.recorders.add(recorder);
    return recorder;
  }

  /** A recorder for a download, unless another download in this process is learning the same bundle already. */
  learner(bundle: Bundle): LayoutRecorder | undefined {
    if (this.downloadLearners.get(bundle.id)?.ended === false) return undefined;
    const recorder = this.recorder(bundle);
    this.downloadLearners.set(bundle.id, recorder);
    return recorder;
  }

  /** Lets layouts being written reach the database before it closes (for at most a few seconds). */
  async beforeApplicationShutdown(): Promise<void> {
    const settled = Promise.all([...this.recorders].map((r) => r.settled()));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  /**
   * Stats sources, a few at a time, and compares each with the version the layout
   * was learnt from: every file, or only those outside `span` (whose reads are
   * pinned to their version anyway). On any difference (or a source gone) the
   * layout is dropped, so the ETag changes and a stale If-Range gets the whole new
   * version. Rejects when a source cannot be checked now.
   */
  async stillValid(bundle: Bundle, layout: BundleLayout, span?: FileSpan, signal?: AbortSignal): Promise<boolean> {
    const running = new Set<Promise<void>>();
    let stale: string | undefined;
    let failure: unknown;
    const check = (src: string, entry: { size: number; version: string }) => {
      const done: Promise<void> = this.storage
        .stat(src, signal)
        .then(
          (stat) => {
            if (stat.size !== entry.size || sourceVersion(stat) !== entry.version) stale ??= `${src} changed`;
          },
          (err: unknown) => {
            if (err instanceof StorageError && err.code === 'SOURCE_NOT_FOUND') stale ??= err.message;
            else failure ??= err;
          },
        )
        .finally(() => running.delete(done));
      running.add(done);
      return running.size >= CHECK_CONCURRENCY ? Promise.race(running) : undefined;
    };
    // The files a range reads are checked as they are opened; the two at its ends once more.
    const ranges: [number, number][] = span ? [[0, span.first], [Math.max(span.first + 1, span.last), bundle.fileCount - 1]] : [[0, bundle.fileCount - 1]];
    try {
      for (const [from, to] of ranges) {
        for await (const { index, src, entry } of this.pages.placed(bundle, from)) {
          if (stale || failure || index > to || signal?.aborted) break;
          await check(src, entry);
        }
      }
    } catch (err) {
      if (!(err instanceof LayoutGoneError)) throw err;
      stale ??= err.message;
    }
    await Promise.all(running);
    if (signal?.aborted) throw signal.reason;
    if (stale) {
      await this.drop(bundle, layout, stale);
      return false;
    }
    if (failure) throw failure;
    return true;
  }

  /** The files whose data bytes start..end read (`first` > `last` when none: the range is all cover sheet and central directory). */
  async span(bundle: Bundle, layout: BundleLayout, start: number, end: number): Promise<FileSpan> {
    const firstCover = layout.coverSheet[0]?.offset ?? layout.centralOffset;
    // A whole download (the common case) needs no lookup.
    const first = start === 0 ? 0 : start < firstCover ? ((await this.pages.fileAt(bundle, start)) ?? 0) : bundle.fileCount;
    const last = end < firstCover ? ((await this.pages.fileAt(bundle, end)) ?? 0) : bundle.fileCount - 1;
    return { first, last };
  }

  async drop(bundle: Bundle, layout: BundleLayout, reason: string): Promise<void> {
    this.logger.log({ bundle: bundle.id, reason }, 'layout dropped');
    await this.repo.dropLayout(bundle.id, layout.etag);
  }

  /**
   * Bytes start..end of the laid-out zip, reading only the files from `span.first`
   * on. The last chunk goes out only once `confirmed` (the check of the files not
   * read) holds and the layout is still current: a response that raced with a
   * source change ends in an abort, never in a clean end.
   */
  async *bytes(
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
