import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { checkSource } from './source-check.js';
import type { SourceUri } from './source-uri.js';

/** Decides at creation time whether a `src` can ever be read here. */
@Injectable()
export class SourceCatalog {
  constructor(private readonly config: AppConfig) {}

  /** Returns the parsed source, or throws InvalidSourceError with the reason. */
  check(src: string): SourceUri {
    return checkSource(src, this.config.storage);
  }
}
