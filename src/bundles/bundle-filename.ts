// Controls (C0 and C1), format characters such as bidi overrides, and what file systems reserve.
const UNSAFE = /[\p{Cc}\p{Cf}"*/:<>?\\|]+/gu;
const MAX_LENGTH = 200;

/**
 * A download filename that every OS accepts: no separators, reserved or control
 * characters, no leading dots, a `.zip` suffix. Unicode is kept.
 */
export function sanitizeZipFilename(requested: string | undefined, id: string): string {
  const fallback = `bundle-${id}.zip`;
  if (requested === undefined) return fallback;
  let name = requested.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE, '_').trim();
  name = name.replace(/^[.\s_]+/, '').replace(/[.\s]+$/, '');
  if (!name.toLowerCase().endsWith('.zip')) name = `${name}.zip`;
  if (name.length > MAX_LENGTH) name = `${name.slice(0, MAX_LENGTH - 4).trimEnd()}.zip`;
  return name === '.zip' ? fallback : name;
}
