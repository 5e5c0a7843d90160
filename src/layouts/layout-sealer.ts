import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { crc32 } from '@node-rs/crc32';
import type { Bundle, IndexedFileRef } from '../bundles/bundle.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { mapBounded } from '../common/bounded.js';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';
import { Storage } from '../storage/storage.js';
import { coverSheetFiles, type EntryOutcome } from '../archive/cover-sheet.js';
import { EntryNamer } from '../archive/entry-name.js';
import { claimEntryName } from '../archive/source-name.js';
import type { SealStatusDto } from './seal-status.dto.js';
import { BundleLayouts } from './layouts.js';
import { pinnableEtag, sourceVersion } from './source-version.js';

const PAGE = 64;
// A finished seal's figures stay visible this long; the layout itself is in the database.
const KEEP_FINISHED_MS = 15 * 60_000;

interface SealJob {
  readonly version: string;
  readonly controller: AbortController;
  status: SealStatusDto;
}

/**
 * Learns a bundle's layout ahead of any download (`POST /seal`): each source is
 * stat'ed, and read once to compute its CRC-32 unless its store already knows
 * it, a few sources at a time. Progress is kept here, per process.
 */
@Injectable()
export class LayoutSealer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LayoutSealer.name);
  private readonly jobs = new Map<string, SealJob>();

  constructor(
    private readonly layouts: BundleLayouts,
    private readonly bundles: BundlesService,
    private readonly storage: Storage,
    private readonly config: AppConfig,
  ) {}

  start(bundle: Bundle): SealStatusDto {
    if (bundle.compression !== 'store') {
      throw new DomainError('LAYOUT_NOT_POSSIBLE', `The bundle's entries are compressed (${bundle.compression}); only stored entries have sizes known ahead. Set compression to "store" first.`);
    }
    const running = this.jobs.get(bundle.id);
    if (this.layouts.current(bundle) || (running?.status.state === 'sealing' && running.version === bundle.updatedAt.toISOString())) return this.status(bundle);
    running?.controller.abort(new Error('the bundle changed; sealing again'));
    const job: SealJob = {
      version: bundle.updatedAt.toISOString(),
      controller: new AbortController(),
      status: { state: 'sealing', files: bundle.fileCount, filesDone: 0, bytesRead: 0 },
    };
    this.jobs.set(bundle.id, job);
    void this.run(bundle, job).finally(() => setTimeout(() => this.jobs.get(bundle.id) === job && this.jobs.delete(bundle.id), KEEP_FINISHED_MS).unref());
    return { ...job.status };
  }

  status(bundle: Bundle): SealStatusDto {
    const layout = this.layouts.current(bundle);
    const job = this.jobs.get(bundle.id);
    const ours = job?.version === bundle.updatedAt.toISOString() ? job.status : undefined;
    if (layout) {
      // The layout may have been learnt by a download instead, or sealed anew.
      const bytesRead = ours?.etag === layout.etag ? ours.bytesRead : 0;
      return { state: 'sealed', files: bundle.fileCount, filesDone: bundle.fileCount, bytesRead, contentLength: layout.size, etag: layout.etag };
    }
    if (ours && ours.state !== 'sealed') return { ...ours };
    return { state: 'unsealed', files: bundle.fileCount, filesDone: 0, bytesRead: 0 };
  }

  beforeApplicationShutdown(): void {
    for (const job of this.jobs.values()) job.controller.abort(new Error('shutting down'));
  }

  private async run(bundle: Bundle, job: SealJob): Promise<void> {
    const { signal } = job.controller;
    const namer = new EntryNamer();
    const recorder = this.layouts.recorder(bundle);
    // What the cover sheet lists, kept as it is measured (as a streamed download keeps it).
    const outcomes: EntryOutcome[] = [];
    try {
      let page: IndexedFileRef[] = [];
      const measurePage = async () => {
        const named = page.map((file) => ({ file, name: claimEntryName(namer, file, file.index) }));
        const measured = await mapBounded(named, this.config.archive.sealConcurrency, ({ file }) => this.measure(file.src, job, signal));
        named.forEach(({ file, name }, i) => {
          const { size, crc32, version } = measured[i];
          recorder.add(file.index, name, size, crc32, version);
          if (bundle.coverSheet) outcomes.push({ status: 'included', name, src: file.src, size, crc32 });
        });
        job.status.filesDone += page.length;
        page = [];
      };
      for await (const file of this.bundles.files(bundle)) {
        page.push(file);
        if (page.length >= PAGE) await measurePage();
      }
      await measurePage();
      const coverSheet = bundle.coverSheet
        ? coverSheetFiles({ title: bundle.filename, asOf: bundle.updatedAt, outcomes }).map(({ name, data }) => ({ name: namer.claim(name), data }))
        : [];
      const layout = await recorder.finish(coverSheet);
      if (!layout) throw new Error('the bundle changed while it was sealed');
      job.status = { ...job.status, state: 'sealed', contentLength: layout.size, etag: layout.etag };
    } catch (err) {
      job.controller.abort(err); // stops the reads still running
      recorder.close();
      const error = err instanceof Error ? err.message : String(err);
      job.status = { ...job.status, state: 'failed', error };
      this.logger.warn({ bundle: bundle.id, error }, 'sealing failed');
    }
  }

  private async measure(src: string, job: SealJob, signal: AbortSignal): Promise<{ size: number; crc32: number; version: string }> {
    const stat = await this.storage.stat(src, signal);
    const version = sourceVersion(stat);
    if (version === undefined || stat.size === undefined) throw new Error(`${src} tells neither an ETag nor a size and modification time`);
    // Ranges read each source pinned to its version: a weak ETag or a date cannot be insisted on.
    if (pinnableEtag(version) === undefined) throw new Error(`${src} has no strong ETag, so a range could not insist on this version of it`);
    if (stat.crc32 !== undefined) return { size: stat.size, crc32: stat.crc32, version };
    let crc = 0;
    let size = 0;
    for await (const chunk of this.storage.open(src, { etag: pinnableEtag(version), size: stat.size, signal }) as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      job.status.bytesRead += chunk.length;
    }
    return { size, crc32: crc, version };
  }
}
