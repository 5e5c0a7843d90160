import { Injectable } from '@nestjs/common';
import type { Bundle } from '../bundles/bundle.js';
import type { FileEntry, LaidOutFile } from './layout.js';
import { LayoutRepository } from './layout.repository.js';
import { paged } from '../common/pages.js';
import type { CoverSheetInput, EntryOutcome } from '../archive/cover-sheet.js';

export class LayoutGoneError extends Error {}

export type LearntFileEntry = FileEntry & { readonly crc32: number };

/** Reads a bundle's files with their layout fields, a page at a time. */
@Injectable()
export class LaidOutPages {
  constructor(private readonly repo: LayoutRepository) {}

  /** From `fromIndex` on, a page at a time (see `paged`). */
  files(bundle: Bundle, fromIndex = 0): AsyncGenerator<LaidOutFile> {
    return paged((from, limit) => this.repo.listLaidOut(bundle.id, from, limit), fromIndex, bundle.fileCount);
  }

  /** As `files`, but every file must have its entry, CRC-32 included: a missing one means the layout went away. */
  async *placed(bundle: Bundle, fromIndex = 0): AsyncGenerator<LaidOutFile & { entry: LearntFileEntry }> {
    for await (const file of this.files(bundle, fromIndex)) {
      if (!file.entry || file.entry.crc32 === undefined) throw new LayoutGoneError(`file ${file.index} has no place in the layout`);
      yield file as LaidOutFile & { entry: LearntFileEntry };
    }
  }

  /** As `files`, but every file must have its entry (its CRC-32 may still be unknown). */
  async *entered(bundle: Bundle, fromIndex = 0): AsyncGenerator<LaidOutFile & { entry: FileEntry }> {
    for await (const file of this.files(bundle, fromIndex)) {
      if (!file.entry) throw new LayoutGoneError(`file ${file.index} has no place in the layout`);
      yield file as LaidOutFile & { entry: FileEntry };
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
