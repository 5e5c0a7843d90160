import { Injectable } from '@nestjs/common';
import type { Bundle, LaidOutFile } from '../../bundles/bundle.js';
import { BundleRepository } from '../../bundles/persistence/bundle.repository.js';
import type { CoverSheetInput, EntryOutcome } from '../cover-sheet.js';

export class LayoutGoneError extends Error {}

/** Reads a bundle's files with their layout fields, a page at a time. */
@Injectable()
export class LaidOutPages {
  constructor(private readonly repo: BundleRepository) {}

  /** From `fromIndex` on; pages start small (the first byte should not wait) and double. */
  async *files(bundle: Bundle, fromIndex = 0, maxPage = 1000): AsyncGenerator<LaidOutFile> {
    let pageSize = 32;
    for (let from = fromIndex; from < bundle.fileCount; from += pageSize, pageSize = Math.min(maxPage, pageSize * 2)) {
      const page = await this.repo.listLaidOut(bundle.id, from, pageSize);
      yield* page;
      if (page.length < pageSize) return;
    }
  }

  /** As `files`, but every file must have its entry: a missing one means the layout went away. */
  async *placed(bundle: Bundle, fromIndex = 0): AsyncGenerator<LaidOutFile & { entry: NonNullable<LaidOutFile['entry']> }> {
    for await (const file of this.files(bundle, fromIndex)) {
      if (!file.entry) throw new LayoutGoneError(`file ${file.index} has no place in the layout`);
      yield file as LaidOutFile & { entry: NonNullable<LaidOutFile['entry']> };
    }
  }

  /** What the cover sheet lists, rebuilt from the layout: the same bytes every time. */
  async coverSheetInput(bundle: Bundle): Promise<CoverSheetInput> {
    const outcomes: EntryOutcome[] = [];
    for await (const { src, entry } of this.placed(bundle)) outcomes.push({ status: 'included', name: entry.name, src, size: entry.size, crc32: entry.crc32 });
    return { title: bundle.filename, asOf: bundle.updatedAt, outcomes };
  }

  fileAt(bundle: Bundle, offset: number): Promise<number | undefined> {
    return this.repo.fileAt(bundle.id, offset);
  }
}
