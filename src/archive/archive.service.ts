import { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { crc32 } from '@node-rs/crc32';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { eachBounded } from '../common/bounded.js';
import { GeneratorReadable } from '../common/generator-readable.js';
import { ReadPace } from '../storage/read-pace.js';
import { ReadBudget } from '../storage/read-budget.js';
import { Storage } from '../storage/storage.js';
import type { FileRef } from '../bundles/bundle.js';
import { type Compression, shouldDeflate } from './compression.js';
import { type CoverSheetFile, coverSheetFiles, type EntryOutcome } from './cover-sheet.js';
import type { LayoutRecorder } from '../layouts/layout-recorder.js';
import { EntryNamer } from './entry-name.js';
import { LazySource } from './lazy-source.js';
import { prefetchWindow } from './prefetch-window.js';
import { claimEntryName } from './source-name.js';
import type { ZipBody } from './zip-response.js';
import { zipStream, type ZipEntrySource } from './zip/zip-writer.js';

export type OnError = 'abort' | 'skip';

const VERIFY_CONCURRENCY = 8;

export interface ArchiveRequest {
  readonly title: string;
  readonly files: AsyncIterable<FileRef> | Iterable<FileRef>;
  readonly onError: OnError;
  readonly coverSheet: boolean;
  readonly compression: Compression;
  /** Fixed entry timestamps make the bytes of a bundle version reproducible. */
  readonly mtime: Date;
  /** Learns the bundle's layout from this download, if it completes with every entry stored. */
  readonly learn?: LayoutRecorder;
}

/** An entry that knows its source and can start opening it ahead of its turn. */
interface ArchiveEntry extends ZipEntrySource {
  readonly src: string;
  readonly index: number;
  /** The source's ETag, once it answered. */
  version(): string | undefined;
  prefetch(): void;
}

/** Builds zips on the fly from storage, one source at a time, with a bounded read-ahead. */
@Injectable()
export class ArchiveService {
  private readonly logger = new Logger(ArchiveService.name);

  constructor(
    private readonly storage: Storage,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly budget: ReadBudget,
  ) {}

  /**
   * Stats every source before the first byte is sent, a few at a time, and throws
   * the first failure (SOURCE_NOT_FOUND, SOURCE_FORBIDDEN, …) so that the client
   * gets a problem+json answer instead of a zip.
   */
  async verify(files: AsyncIterable<FileRef> | Iterable<FileRef>, signal?: AbortSignal, concurrency = VERIFY_CONCURRENCY): Promise<void> {
    let failure: unknown;
    const stat = (file: FileRef) => this.storage.stat(file.src, signal).then(() => undefined, (err: unknown) => void (failure ??= err));
    // Stops once the client has gone: nobody is waiting for the answer.
    await eachBounded(files, concurrency, stat, () => failure !== undefined || signal?.aborted === true);
    signal?.throwIfAborted();
    if (failure) throw failure;
  }

  stream(request: ArchiveRequest): ZipBody {
    const controller = new AbortController();
    const outcomes: EntryOutcome[] = [];
    const namer = new EntryNamer();
    const pace = new ReadPace(this.budget);
    const entries = prefetchWindow(this.entries(request, namer, controller.signal, pace), this.config.archive.prefetch);
    const learn = request.learn;
    // The cover sheet as written, for the layout: the same bytes, not made again.
    const coverSheet: CoverSheetFile[] = [];
    const zip = zipStream(entries, {
      deflateLevel: this.config.archive.deflateLevel,
      release: (chunk) => pace.recycle(chunk),
      lend: (view) => pace.lend(view),
      skip: request.onError !== 'skip' ? undefined : (entry, error) => {
        if (controller.signal.aborted) return false;
        const reason = error instanceof Error ? error.message : String(error);
        outcomes.push({ status: 'skipped', name: entry.name, src: entry.src, reason });
        learn?.abandon(`${entry.name} was skipped`);
        this.logger.warn({ entry: entry.name, reason }, 'skipped a failed entry');
        this.metrics.skippedEntries.inc();
        return true;
      },
      // Only a cover sheet needs the list of what was included.
      written: (entry, { size, crc32 }) => {
        if (request.coverSheet) outcomes.push({ status: 'included', name: entry.name, src: entry.src, size, crc32 });
        if (entry.deflate) learn?.abandon(`${entry.name} is deflated`);
        else learn?.add(entry.index, entry.name, size, crc32, entry.version());
      },
      trailer: () => {
        if (!request.coverSheet) return [];
        coverSheet.push(...this.coverSheetFiles(request, namer, outcomes));
        return coverSheet.map((file) => this.textEntry(request, file));
      },
    });
    const finishing = learn ? this.learning(zip, learn, coverSheet) : zip;
    const stream = new GeneratorReadable(finishing, () => {
      controller.abort(new Error('archive stream closed'));
      learn?.close();
    });
    stream.once('close', () => pace.close());
    return { stream, recycle: (chunk) => pace.recycle(chunk), sent: (bytes) => pace.delivered(bytes), window: () => pace.chunkSize };
  }

  /** Once the zip is made in full, its layout is stored, off the response's path. */
  private async *learning(zip: AsyncGenerator<Buffer>, learn: LayoutRecorder, coverSheet: readonly CoverSheetFile[]): AsyncGenerator<Buffer> {
    yield* zip;
    learn.finish(coverSheet).catch((err: unknown) => this.logger.warn({ err }, 'could not store the layout'));
  }

  /** One entry per file: named, and opening its source only when asked. */
  private async *entries(request: ArchiveRequest, namer: EntryNamer, signal: AbortSignal, pace: ReadPace): AsyncGenerator<ArchiveEntry> {
    let index = 0;
    for await (const file of request.files) {
      const at = index++;
      const name = claimEntryName(namer, file, at);
      const source = new LazySource((allocate) => this.storage.open(file.src, { signal, pace: { allocate } }), pace);
      yield {
        name,
        src: file.src,
        index: at,
        version: () => source.version,
        mtime: request.mtime,
        deflate: shouldDeflate(request.compression, name),
        prefetch: () => source.prefetch(),
        open: async () => {
          const size = (await source.described())?.size;
          request.learn?.begin(at, name, size, source.version);
          return { size, stream: source.take() };
        },
      };
    }
  }

  /** The cover sheet's files under the names they claim after every other entry. */
  private coverSheetFiles(request: ArchiveRequest, namer: EntryNamer, outcomes: readonly EntryOutcome[]): CoverSheetFile[] {
    return coverSheetFiles({ title: request.title, asOf: request.mtime, outcomes }).map(({ name, data }) => ({ name: namer.claim(name), data }));
  }

  private textEntry(request: ArchiveRequest, { name, data }: CoverSheetFile): ZipEntrySource {
    // Made whole before its header: size and CRC go in the header (method 0) unless it is deflated.
    const known = { size: data.length, crc32: crc32(data) };
    return { name, mtime: request.mtime, ...known, deflate: shouldDeflate(request.compression, name), open: () => ({ stream: Readable.from([data]), size: data.length }) };
  }
}
