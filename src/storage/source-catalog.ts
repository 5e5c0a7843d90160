import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { hostAllowed } from './http/host-rules.js';
import { InvalidSourceError, parseSourceUri, type SourceUri } from './source-uri.js';

/** Decides at creation time whether a `src` can ever be read here. */
@Injectable()
export class SourceCatalog {
  constructor(private readonly config: AppConfig) {}

  /** Returns the parsed source, or throws InvalidSourceError with the reason. */
  check(src: string): SourceUri {
    const uri = parseSourceUri(src);
    const storage = this.config.storage;
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
}
