import transliterate from '@sindresorhus/transliterate';

/**
 * `attachment` with an ASCII `filename` and an RFC 5987 `filename*` for the UTF-8
 * name. Clients that read only the ASCII one (curl -OJ) get the name spelt in
 * Latin letters (`Größe` → `Groesse`), not with its letters dropped.
 */
export function contentDisposition(filename: string): string {
  const latin = transliterate(filename).replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_').trim();
  // Nothing left but an extension (".zip") would be a hidden file for curl -OJ.
  const fallback = latin === '' ? 'download.zip' : latin.startsWith('.') ? `download${latin}` : latin;
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
