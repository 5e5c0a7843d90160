import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { InvalidSourceError, parseSourceUri, type SourceUri } from './source-uri.js';

/** Decides at creation time whether a `src` can ever be read here. */
@Injectable()
export class SourceCatalog {
  constructor(private readonly config: AppConfig) {}

  /** Returns the parsed source, or throws InvalidSourceError with the reason. */
  check(src: string): SourceUri {
    const uri = parseSourceUri(src);
    if (!this.config.storage.providers.includes(uri.scheme)) {
      throw new InvalidSourceError(`the '${uri.scheme}' storage provider is not enabled (STORAGE_PROVIDERS)`);
    }
    return uri;
  }
}
