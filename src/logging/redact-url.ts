const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// ZipStream-compatible routes carry the secret as the path segment after the id.
const PATH_SECRET = new RegExp(`^(/${UUID}/)[^/?]+`, 'i');
// Any parameter whose name looks like a credential (access_token, x-bundle-secret, token[], X-Amz-Signature, …).
const SECRET_PARAM = /token|secret|key|sig|pass|auth|cred|session|cookie/i;

/** The URL as it may be logged: secrets in the path or the query are masked. */
export function redactUrl(url: string): string {
  const [path, query] = splitOnce(url, '?');
  const safePath = path.replace(PATH_SECRET, '$1[redacted]');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [name] = splitOnce(pair, '=');
      return SECRET_PARAM.test(decodeSafe(name.replaceAll('+', ' '))) ? `${name}=[redacted]` : pair;
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
