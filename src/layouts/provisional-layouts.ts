import { Injectable } from '@nestjs/common';
import type { Bundle } from '../bundles/bundle.js';
import { mapBounded } from '../common/bounded.js';
import { Storage } from '../storage/storage.js';
import { EntryNamer } from '../archive/entry-name.js';
import { claimEntryName } from '../archive/source-name.js';
import { coverSheetFiles, type EntryOutcome } from '../archive/cover-sheet.js';
import { LayoutPlanner } from '../archive/zip/zip-layout.js';
import type { ProvisionalLayout } from './layout.js';
import { LayoutRepository, type LearntEntry } from './layout.repository.js';
import { LaidOutPages } from './laid-out-pages.js';
import { LayoutTag } from './layout-tag.js';
import { pinnableEtag, sourceVersion } from './source-version.js';
import { Clock } from '../common/clock.js';
import { ProvisionalLearning } from './provisional-learning.js';

/** Up to this many files, every source is checked before the headers: one round of stats. */
export const UPFRONT_CHECK_FILES = 64;
const STAT_CONCURRENCY = 16;
const PAGE = 256;

/** What planning may cost a request before its headers; past that, the zip streams as it is made. */
export interface PlanLimits {
  /** Sources that may be stat'ed. */
  readonly stats: number;
  /** Plan only if an earlier download got somewhere (the first file has an entry). */
  readonly afterEarlierDownload: boolean;
}

interface Placed {
  readonly size: number;
  readonly version: string;
  /** When the store knows it (a stored file, an S3 full-object checksum): nothing needs reading. */
  readonly crc32?: number;
}

/**
 * Plans a bundle version's zip before its layout is learnt, so that a range of
 * it can be answered (a first download that broke off and is resumed): every
 * file keeps the entry an earlier download recorded for it, and a file without
 * one gets its size and version from a stat, recorded as its entry. The sizes
 * fix every offset; the CRC-32s still missing are found by reading, while the
 * range is sent (ProvisionalLearning).
 */
@Injectable()
export class ProvisionalLayouts {
  constructor(
    private readonly repo: LayoutRepository,
    private readonly pages: LaidOutPages,
    private readonly storage: Storage,
    private readonly clock: Clock,
  ) {}

  /** What one response from `layout` learns (see ProvisionalLearning). */
  learning(bundle: Bundle, layout: ProvisionalLayout, signal: AbortSignal): ProvisionalLearning {
    return new ProvisionalLearning(bundle, layout, { repo: this.repo, pages: this.pages, storage: this.storage, now: () => this.clock.now(), signal });
  }

  /**
   * Undefined when some source cannot be stat'ed now or tells no version a read
   * can insist on (no range can then be promised), or when planning would cost
   * more than `limits` allow. Up to UPFRONT_CHECK_FILES files, recorded entries
   * are checked by a stat too: one that no longer matches its source makes the
   * plan fail (and every entry is forgotten).
   */
  async plan(bundle: Bundle, limits: PlanLimits, signal?: AbortSignal): Promise<ProvisionalLayout | undefined> {
    const planner = new LayoutPlanner(bundle.updatedAt);
    const tag = new LayoutTag(bundle);
    const namer = new EntryNamer();
    const checkAll = bundle.fileCount <= UPFRONT_CHECK_FILES;
    const outcomes: EntryOutcome[] = [];
    let unlearnt = 0;
    let budget = limits.stats;
    for await (const page of inPages(this.pages.files(bundle), PAGE)) {
      if (limits.afterEarlierDownload && page[0].index === 0 && !page[0].entry) return undefined;
      const names = page.map((file) => claimEntryName(namer, file, file.index));
      const statted = page.map((file, i) => checkAll || file.entry?.name !== names[i]);
      budget -= statted.filter(Boolean).length;
      if (budget < 0) return undefined;
      const stats = await mapBounded(page, STAT_CONCURRENCY, (file, i) => (statted[i] ? this.pinnedStat(file.src, signal) : Promise.resolve(undefined)));
      if (stats.includes(null)) return undefined;
      // A source that changed since its entry was recorded: the bytes a client may hold are not this zip's.
      // No range can be promised; the entries are forgotten, to be placed afresh.
      if (page.some((file, i) => file.entry?.name === names[i] && stats[i] && (stats[i].size !== file.entry.size || stats[i].version !== file.entry.version))) {
        await this.repo.forget(bundle.id);
        return undefined;
      }
      const writes: LearntEntry[] = [];
      for (const [i, file] of page.entries()) {
        const stat = stats[i];
        const kept = file.entry?.name === names[i] ? file.entry : undefined;
        // A file without a kept entry was stat'ed.
        const { size, version } = kept ?? (stat as Placed);
        // A stat'ed source matches its kept entry (checked above), so the CRC-32 a store knows holds for both.
        const crc32 = kept?.crc32 ?? stat?.crc32;
        const offset = planner.place({ name: names[i], size, crc32: 0, encoding: 'blocks' });
        if (kept?.offset !== offset) writes.push({ index: file.index, name: names[i], size, version, crc32, encoding: 'blocks', offset });
        if (crc32 === undefined) unlearnt += 1;
        tag.file(names[i], size, version);
        if (bundle.coverSheet) outcomes.push({ status: 'included', name: names[i], src: file.src, size, crc32: 0 });
      }
      await this.repo.recordEntries(bundle.id, writes);
    }
    // The cover sheet's length does not depend on the CRC-32s it lists (each is 8 hex digits).
    const sheet = bundle.coverSheet ? coverSheetFiles({ title: bundle.filename, asOf: bundle.updatedAt, outcomes }) : [];
    const coverSheet = sheet.map(({ name, data }) => {
      const entry = { name: namer.claim(name), size: data.length, crc32: undefined, encoding: 'stored' as const };
      tag.coverSheet(entry.name, entry.size);
      return { ...entry, offset: planner.place({ ...entry, crc32: 0 }) };
    });
    return { forVersion: bundle.updatedAt.toISOString(), etag: tag.etag(), coverSheet, unlearnt, ...planner.frame() };
  }

  /** Size and version of a source whose reads can be pinned to that version; null otherwise. */
  private async pinnedStat(src: string, signal?: AbortSignal): Promise<Placed | null> {
    try {
      const stat = await this.storage.stat(src, signal);
      const version = sourceVersion(stat);
      return stat.size !== undefined && version !== undefined && pinnableEtag(version) !== undefined ? { size: stat.size, version, crc32: stat.crc32 } : null;
    } catch {
      return null;
    }
  }
}

async function* inPages<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
