import { isIP } from 'node:net';
import type { AppConfig } from '../config/app-config.js';
import { hostAllowed } from './http/host-rules.js';
import { InvalidSourceError, parseSourceUri, type SourceUri } from './source-uri.js';

/**
 * SourceCatalog's check as a plain function of the storage settings, for code
 * that runs outside the service's container (the import parser's worker thread).
 */
export function checkSource(src: string, storage: AppConfig['storage']): SourceUri {
  const uri = parseSourceUri(src);
  if (!storage.providers.includes(uri.scheme)) {
    throw new InvalidSourceError(`the '${uri.scheme}' storage provider is not enabled (STORAGE_PROVIDERS)`);
  }
  if (uri.scheme === 's3' && storage.s3.allowedBuckets.length > 0 && !storage.s3.allowedBuckets.includes(uri.bucket)) {
    throw new InvalidSourceError(`bucket '${uri.bucket}' is not in S3_ALLOWED_BUCKETS`);
  }
  if (uri.scheme === 'http') {
    const host = uri.url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !storage.http.allowIpLiterals) throw new InvalidSourceError('literal IP hosts are refused; use a host name');
    if (!hostAllowed(host, storage.http.allowedHosts)) throw new InvalidSourceError(`host '${host}' is not in HTTP_ALLOWED_HOSTS`);
  }
  return uri;
}
