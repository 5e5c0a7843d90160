import type { FileRef } from '../bundles/bundle.js';
import { parseSourceUri } from '../storage/source-uri.js';
import { type EntryNamer, normalizeEntryName } from './entry-name.js';

/** The entry path a source gets when its reference has no `dst`. */
export function defaultEntryPath(src: string): string {
  const uri = parseSourceUri(src);
  switch (uri.scheme) {
    case 's3':
      return uri.key;
    case 'file':
      return uri.path;
    case 'http': {
      let path = uri.url.pathname;
      try {
        path = decodeURIComponent(path);
      } catch {
        // keep it encoded: still a usable, if ugly, name
      }
      return path.replace(/^\/+/, '') || uri.url.hostname;
    }
    case 'store':
      // A bundle names its stored files when they are added (see StoredFileRefs); this is for one without a name.
      return uri.id;
  }
}

/** The entry name file `index` (from 0) takes in its zip; downloads and sealing name alike. */
export function claimEntryName(namer: EntryNamer, file: FileRef, index: number): string {
  return namer.claim(normalizeEntryName(file.dst ?? defaultEntryPath(file.src)) ?? `file-${index + 1}`);
}
