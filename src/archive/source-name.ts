import { parseSourceUri } from '../storage/source-uri.js';

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
  }
}
