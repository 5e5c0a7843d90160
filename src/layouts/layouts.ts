import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout } from './layout.js';
import { LayoutRepository } from './layout.repository.js';
import { eachBounded } from '../common/bounded.js';
import { Clock } from '../common/clock.js';
import { Storage } from '../storage/storage.js';
import type { Compression } from '../archive/compression.js';
import { LaidOutPages, LayoutGoneError } from './laid-out-pages.js';
import { StorageError } from '../storage/storage-error.js';
import { LayoutRecorder } from './layout-recorder.js';
import { sourceVersion } from './source-version.js';

const CHECK_CONCURRENCY = 16;
// A download's claim on learning a layout; a longer one is left to others (two learners write the same rows, no harm).
const LEARN_CLAIM_MS = 60_000;
const SHUTDOWN_WAIT_MS = 5000;

/** A bundle's learnt layout: when it applies, how it is learnt, and whether its sources still match. */
@Injectable()
export class BundleLayouts implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BundleLayouts.name);
  private readonly recorders = new Set<LayoutRecorder>();
  private readonly releases = new Set<Promise<void>>();
  /** This process, as the owner of the layout jobs it runs. */
  readonly instance = randomUUID();

  constructor(
    private readonly repo: LayoutRepository,
    private readonly pages: LaidOutPages,
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** A layout describes the bundle's own zip: every entry stored, its own cover sheet setting. */
  applies(bundle: Bundle, compression: Compression, coverSheet: boolean): boolean {
    return compression === 'store' && coverSheet === bundle.coverSheet;
  }

  /** The layout of the bundle's current version, if one was learnt. */
  current(bundle: Bundle): Layout | undefined {
    return bundle.layout?.forVersion === bundle.updatedAt.toISOString() ? bundle.layout : undefined;
  }

  /** A recorder for sealing: always a fresh one (the seal's claim is the sealer's). */
  recorder(bundle: Bundle, settled: () => void = () => undefined): LayoutRecorder {
    const recorder = new LayoutRecorder(bundle, this.repo, () => this.clock.now(), (r) => {
      this.recorders.delete(r);
      settled();
    });
    this.recorders.add(recorder);
    return recorder;
  }

  /**
   * A recorder for a download, if this download may learn the layout: one at a
   * time per bundle version across every instance (a claim in the database), so
   * that many first downloads at once do not all write the same rows.
   */
  async learner(bundle: Bundle): Promise<LayoutRecorder | undefined> {
    const now = this.clock.now();
    const claim = { forVersion: bundle.updatedAt, kind: 'learn' as const, owner: this.instance, heartbeatAt: now };
    if (!(await this.repo.claim(bundle.id, claim, new Date(now.getTime() - LEARN_CLAIM_MS)))) return undefined;
    return this.recorder(bundle, () => this.release(bundle.id));
  }

  /** Gives a download's claim back; shutdown waits for it, so that it reaches the database. */
  private release(bundleId: string): void {
    const released = this.repo.finish(bundleId, this.instance, { state: 'released' }).catch(() => undefined);
    this.releases.add(released);
    void released.then(() => this.releases.delete(released));
  }

  /**
   * Waits until what this instance's stopped downloads of the bundle recorded has
   * reached the database: a client that resumes at once must find it there.
   */
  async settledFor(bundle: Bundle): Promise<void> {
    await Promise.all([...this.recorders].filter((r) => r.ended && r.bundleId === bundle.id).map((r) => r.settled()));
  }

  /** Lets layouts being written, and claims given back, reach the database before it closes (for at most a few seconds). */
  async beforeApplicationShutdown(): Promise<void> {
    const settled = Promise.all([...this.recorders].map((r) => r.settled())).then(() => Promise.all([...this.releases]));
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  /**
   * Stats every source, a few at a time, and compares each with the version the
   * layout was learnt from. On any difference (or a source gone) the layout is
   * dropped, so the ETag changes and a stale If-Range gets the whole new version.
   * Rejects when a source cannot be checked now.
   */
  async stillValid(bundle: Bundle, layout: Layout, signal?: AbortSignal): Promise<boolean> {
    let stale: string | undefined;
    let failure: unknown;
    const check = ({ src, entry }: { src: string; entry: { size: number; version: string } }) =>
      this.storage.stat(src, signal).then(
        (stat) => {
          if (stat.size !== entry.size || sourceVersion(stat) !== entry.version) stale ??= `${src} changed`;
        },
        (err: unknown) => {
          if (err instanceof StorageError && err.code === 'SOURCE_NOT_FOUND') stale ??= err.message;
          else failure ??= err;
        },
      );
    try {
      await eachBounded(this.pages.placed(bundle), CHECK_CONCURRENCY, check, () => stale !== undefined || failure !== undefined || signal?.aborted === true);
    } catch (err) {
      if (!(err instanceof LayoutGoneError)) throw err;
      stale ??= err.message;
    }
    if (signal?.aborted) throw signal.reason;
    if (stale) {
      await this.drop(bundle, layout, stale);
      return false;
    }
    if (failure) throw failure;
    return true;
  }

  /** The file whose entry holds zip offset `at` (the first file when `at` is 0, with no lookup). */
  async fileAt(bundle: Bundle, layout: { readonly coverSheet: readonly { readonly offset: number }[]; readonly centralOffset: number }, at: number): Promise<number> {
    const firstCover = layout.coverSheet[0]?.offset ?? layout.centralOffset;
    if (at === 0) return 0;
    if (at >= firstCover) return bundle.fileCount;
    return (await this.pages.fileAt(bundle, at)) ?? 0;
  }

  async drop(bundle: Bundle, layout: Layout, reason: string): Promise<void> {
    this.logger.log({ bundle: bundle.id, reason }, 'layout dropped');
    await this.repo.drop(bundle.id, layout.etag);
  }

  /** A source no longer matches the entry recorded for it: every entry of the bundle is forgotten, to be placed afresh. */
  async forget(bundle: Bundle, reason: string): Promise<void> {
    this.logger.log({ bundle: bundle.id, reason }, 'entries forgotten');
    await this.repo.forget(bundle.id);
  }
}
