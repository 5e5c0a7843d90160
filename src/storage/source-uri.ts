import type { StorageScheme } from '../config/app-config.js';

export type SourceUri =
  | { readonly scheme: 'file'; readonly path: string }
  | { readonly scheme: 's3'; readonly bucket: string; readonly key: string }
  | { readonly scheme: 'http'; readonly url: URL }
  | { readonly scheme: 'store'; readonly id: string };

export class InvalidSourceError extends Error {}

const MAX_SRC_LENGTH = 4096;
const CONTROL = /[\u0000-\u001f\u007f]/;
// S3's rules for bucket names (path-style endpoints accept the same set).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses a `src` reference; throws InvalidSourceError with a reason a client can act on. */
export function parseSourceUri(src: string): SourceUri {
  if (src.length === 0) throw new InvalidSourceError('must not be empty');
  if (src.length > MAX_SRC_LENGTH) throw new InvalidSourceError(`must be at most ${MAX_SRC_LENGTH} characters`);
  if (CONTROL.test(src)) throw new InvalidSourceError('must not contain control characters');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)?.[1].toLowerCase();
  switch (scheme) {
    case 's3':
      return parseS3(src);
    case 'http':
    case 'https':
      return parseHttp(src);
    case 'file':
      return parseFile(src);
    case 'store':
      return parseStore(src);
    case undefined:
      throw new InvalidSourceError('must be a URI with a scheme: s3://, https://, http://, file:/// or store://');
    default:
      throw new InvalidSourceError(`scheme '${scheme}' is not supported`);
  }
}

export function schemeOf(uri: SourceUri): StorageScheme {
  return uri.scheme;
}

function parseS3(src: string): SourceUri {
  // Keys are taken literally, as the AWS CLI does: S3 keys may contain '%' and spaces.
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(src);
  if (!match) throw new InvalidSourceError('must look like s3://bucket/key');
  const [, bucket, key] = match;
  if (!BUCKET.test(bucket)) throw new InvalidSourceError(`'${bucket}' is not a valid bucket name`);
  if (Buffer.byteLength(key) > 1024) throw new InvalidSourceError('an S3 key is at most 1024 bytes');
  return { scheme: 's3', bucket, key };
}

function parseHttp(src: string): SourceUri {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    throw new InvalidSourceError('is not a valid URL');
  }
  if (!url.hostname) throw new InvalidSourceError('must name a host');
  // Credentials in a stored reference would be kept in clear and logged by proxies.
  if (url.username || url.password) throw new InvalidSourceError('must not carry credentials');
  url.hash = '';
  return { scheme: 'http', url };
}

function parseStore(src: string): SourceUri {
  const id = /^store:\/\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(src)?.[1];
  if (!id) throw new InvalidSourceError('must look like store://<file id>, the id of a file uploaded to POST /v1/files');
  return { scheme: 'store', id: id.toLowerCase() };
}

function parseFile(src: string): SourceUri {
  // The URL parser would resolve dot segments away (and leave encoded ones to the
  // file system); a reference that asks to go up is refused as written.
  let asWritten: string;
  try {
    asWritten = decodeURIComponent(src.replace(/^file:\/\/[^/]*/i, '').split(/[?#]/)[0]);
  } catch {
    throw new InvalidSourceError('has an invalid percent-encoding');
  }
  if (asWritten.split(/[/\\]/).includes('..')) throw new InvalidSourceError('must not contain a ".." segment: sources stay under the storage root');
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    throw new InvalidSourceError('is not a valid file URL');
  }
  if (url.hostname && url.hostname !== 'localhost') throw new InvalidSourceError('must not name a host');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new InvalidSourceError('has an invalid percent-encoding');
  }
  if (CONTROL.test(path)) throw new InvalidSourceError('must not contain control characters');
  // No '..' is left (refused above; the parser resolved '.'), so the path stays under '/'.
  const relative = path.replace(/^\/+/, '');
  if (!relative || relative.endsWith('/')) throw new InvalidSourceError('must name a file');
  return { scheme: 'file', path: relative };
}

/** What stands for an HTTP URL's query string wherever a source is shown. */
export const REDACTED_QUERY = '?[redacted]';

/**
 * A source (or a message naming one) as it may be shown to anyone who may download: without the
 * query string of an HTTP URL (a presigned URL carries its credentials there).
 */
export function shownSource(text: string): string {
  // Most sources have no query string: a million of them in a manifest skip the regular expression.
  if (!text.includes('?')) return text;
  return text.replace(/(https?:\/\/[^\s?#]*)\?[^\s#]*/gi, `$1${REDACTED_QUERY}`);
}
