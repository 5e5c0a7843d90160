const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-z0-9!#$&^_.+-]+))*$/i;

/** A client's file name as kept: its last path segment, without control or bidi characters, at most 255 characters. */
export function storedFileName(given: string | undefined): string {
  const last = (given ?? '').replace(UNSAFE, '').split(/[/\\]/).pop()?.trim() ?? '';
  const name = last === '.' || last === '..' ? '' : [...last].slice(0, 255).join('');
  return name === '' ? 'file' : name;
}

/** A client's media type when it is one; application/octet-stream otherwise. */
export function storedContentType(given: string | undefined): string {
  const value = given?.trim() ?? '';
  return value.length <= 255 && MEDIA_TYPE.test(value) ? value.toLowerCase() : 'application/octet-stream';
}

/** The name in a `Content-Disposition` request header (`filename*` preferred), if any. */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // falls back to the plain parameter
    }
  }
  return /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header)?.slice(1).find((v) => v !== undefined)?.replace(/\\(.)/g, '$1');
}
