import { Injectable } from '@nestjs/common';
import { EntryNamer } from '../archive/entry-name.js';
import { claimEntryName } from '../archive/source-name.js';
import type { Bundle } from '../bundles/bundle.js';
import { shownSource } from '../storage/source-uri.js';
import type { ManifestRow } from './manifest-row.js';
import { ManifestRepository } from './persistence/manifest.repository.js';

/**
 * Small enough that a page is written before two young-generation collections
 * pass over it (a page that outlives them is promoted, and a million rows of
 * promoted pages grew the heap by ~100 MiB); large enough that the queries cost
 * little (a page of 1,000 files takes about as long as one of 5,000 per row).
 */
const PAGE = 1000;

/**
 * A bundle's manifest, a page of files at a time (a page, not a row, per turn:
 * a million rows through a chain of async generators cost seconds in ticks),
 * each file named as its zip names it.
 */
@Injectable()
export class ManifestRows {
  constructor(private readonly repo: ManifestRepository) {}

  async *of(bundle: Bundle): AsyncGenerator<readonly ManifestRow[]> {
    // Named in order, as downloads name them: the same namer gives the same names.
    const namer = new EntryNamer();
    for (let from = 0; from < bundle.fileCount; from += PAGE) {
      const files = await this.repo.knownFiles(bundle.id, from, PAGE);
      yield files.map((file) => ({
        position: file.index,
        dst: claimEntryName(namer, file, file.index),
        src: shownSource(file.src),
        size: file.size,
        crc32: file.crc32,
        version: file.version,
      }));
      if (files.length < PAGE) return;
    }
  }
}
