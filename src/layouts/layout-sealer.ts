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
import { LayoutRepository } from './layout.repository.js';
import { Clock } from '../common/clock.js';
import { pinnableEtag, sourceVersion } from './source-version.js';

const PAGE = 64;
// A running seal writes its progress this often; one silent for SEAL_STALE_MS was left by a stopped instance.
const HEARTBEAT_MS = 500;
const SEAL_STALE_MS = 30_000;

/** A seal this process runs: what stops it, and how far it got. */
interface SealJob {
  readonly controller: AbortController;
  filesDone: number;
  bytesRead: number;
}

/**
 * Learns a bundle's layout ahead of any download (`POST /seal`): each source is
 * stat'ed, and read once to compute its CRC-32 unless its store already knows
 * it, a few sources at a time. Who seals what, and how far it got, is in the
 * database: a seal started on one instance shows on all and is not run twice.
 */
@Injectable()
export class LayoutSealer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LayoutSealer.name);
  private readonly jobs = new Map<string, SealJob>();

  constructor(
    private readonly layouts: BundleLayouts,
    private readonly repo: LayoutRepository,
    private readonly bundles: BundlesService,
    private readonly storage: Storage,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async start(bundle: Bundle): Promise<SealStatusDto> {
    if (bundle.compression !== 'store') {
      throw new DomainError('LAYOUT_NOT_POSSIBLE', `The bundle's entries are compressed (${bundle.compression}); only stored entries have sizes known ahead. Set compression to "store" first.`);
    }
    if (this.layouts.current(bundle)) return this.status(bundle);
    const now = this.clock.now();
    const claim = { forVersion: bundle.updatedAt, kind: 'seal' as const, owner: this.layouts.instance, heartbeatAt: now };
    // Not claimed: a seal of this version runs already, here or on another instance.
    if (!(await this.repo.claim(bundle.id, claim, new Date(now.getTime() - SEAL_STALE_MS)))) return this.status(bundle);
    this.jobs.get(bundle.id)?.controller.abort(new Error('the bundle changed; sealing again'));
    const job: SealJob = { controller: new AbortController(), filesDone: 0, bytesRead: 0 };
    this.jobs.set(bundle.id, job);
    void this.run(bundle, job).finally(() => this.jobs.get(bundle.id) === job && this.jobs.delete(bundle.id));
    return { state: 'sealing', files: bundle.fileCount, filesDone: 0, bytesRead: 0 };
  }

  async status(bundle: Bundle): Promise<SealStatusDto> {
    const layout = this.layouts.current(bundle);
    const job = await this.repo.job(bundle.id);
    const seal = job?.kind === 'seal' && job.forVersion.getTime() === bundle.updatedAt.getTime() ? job : undefined;
    const files = bundle.fileCount;
    if (layout) {
      // The layout may have been learnt by a download instead.
      const bytesRead = seal !== undefined && seal.state !== 'failed' ? seal.bytesRead : 0;
      return { state: 'sealed', files, filesDone: files, bytesRead, contentLength: layout.size, etag: layout.etag };
    }
    const fresh = seal !== undefined && this.clock.now().getTime() - seal.heartbeatAt.getTime() < SEAL_STALE_MS;
    if (seal?.state === 'running' && fresh) return { state: 'sealing', files, filesDone: seal.filesDone, bytesRead: seal.bytesRead };
    if (seal?.state === 'failed') return { state: 'failed', files, filesDone: seal.filesDone, bytesRead: seal.bytesRead, error: seal.error };
    return { state: 'unsealed', files, filesDone: 0, bytesRead: 0 };
  }

  beforeApplicationShutdown(): void {
    for (const job of this.jobs.values()) job.controller.abort(new Error('shutting down'));
  }

  /** Writes the job's progress; a claim taken over by another instance stops this run. */
  private async report(bundle: Bundle, job: SealJob): Promise<void> {
    const progress = { filesDone: job.filesDone, bytesRead: job.bytesRead, heartbeatAt: this.clock.now() };
    if (!(await this.repo.progress(bundle.id, this.layouts.instance, progress))) job.controller.abort(new Error('another instance took this seal over'));
  }

  private async run(bundle: Bundle, job: SealJob): Promise<void> {
    const { signal } = job.controller;
    const heartbeat = setInterval(() => void this.report(bundle, job).catch(() => undefined), HEARTBEAT_MS);
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
        job.filesDone += page.length;
        page = [];
        await this.report(bundle, job);
      };
      for await (const file of this.bundles.files(bundle)) {
        page.push(file);
        if (page.length >= PAGE) await measurePage();
      }
      await measurePage();
      const coverSheet = bundle.coverSheet
        ? coverSheetFiles({ title: bundle.filename, asOf: bundle.updatedAt, outcomes }).map(({ name, data }) => ({ name: namer.claim(name), data }))
        : [];
      // The figures first: once the layout is stored, a status read anywhere shows them.
      await this.report(bundle, job);
      const layout = await recorder.finish(coverSheet);
      if (!layout) throw new Error('the bundle changed while it was sealed');
      await this.repo.finish(bundle.id, this.layouts.instance, { state: 'sealed' });
    } catch (err) {
      job.controller.abort(err); // stops the reads still running
      recorder.close();
      const error = err instanceof Error ? err.message : String(err);
      await this.repo.finish(bundle.id, this.layouts.instance, { state: 'failed', error }).catch(() => undefined);
      this.logger.warn({ bundle: bundle.id, error }, 'sealing failed');
    } finally {
      clearInterval(heartbeat);
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
      job.bytesRead += chunk.length;
    }
    return { size, crc32: crc, version };
  }
}
