const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// ZipStream-compatible routes carry the secret as the path segment after the id.
const PATH_SECRET = new RegExp(`^(/${UUID}/)[^/?]+`, 'i');
const SECRET_PARAMS = new Set(['token', 'secret', 'key', 'api_key', 'apikey', 'signature']);

/** The URL as it may be logged: secrets in the path or the query are masked. */
export function redactUrl(url: string): string {
  const [path, query] = splitOnce(url, '?');
  const safePath = path.replace(PATH_SECRET, '$1[redacted]');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [name] = splitOnce(pair, '=');
      return SECRET_PARAMS.has(decodeSafe(name).toLowerCase()) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
