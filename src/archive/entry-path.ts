const CONTROL = /[\u0000-\u001f\u007f]/;
const DRIVE = /^[a-z]:/i;
export const MAX_ENTRY_PATH_BYTES = 1024;

/**
 * Why a client-chosen `dst` can't be an entry path, or undefined if it can.
 * Both separators count, because Windows extractors honour '\' as one.
 */
export function entryPathProblem(dst: string): string | undefined {
  if (dst.length === 0) return 'must not be empty';
  if (CONTROL.test(dst)) return 'must not contain NUL or control characters';
  if (Buffer.byteLength(dst.normalize('NFC')) > MAX_ENTRY_PATH_BYTES) {
    return `must be at most ${MAX_ENTRY_PATH_BYTES} bytes`;
  }
  if (/^[/\\]/.test(dst) || DRIVE.test(dst)) return 'must be a relative path';
  if (dst.split(/[/\\]/).some((segment) => segment === '..')) return 'must not contain ".." segments';
  return undefined;
}
