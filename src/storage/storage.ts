import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppConfig, type StorageScheme } from '../config/app-config.js';
import type { ReadBuffers } from './read-pace.js';
import { backoff, type RetryPolicy } from './retry-policy.js';
import { resumableRead } from './resumable-read.js';
import { SourceCatalog } from './source-catalog.js';
import { shownSource } from './source-uri.js';
import { DomainError } from '../problems/domain-error.js';
import { isTransient, StorageError } from './storage-error.js';
import type { SourceStat, StorageProvider } from './storage-provider.js';

export interface OpenOptions {
  readonly start?: number;
  /** Inclusive. */
  readonly end?: number;
  readonly signal?: AbortSignal;
  /** A version learnt earlier: the read fails if the source no longer matches it. */
  readonly etag?: string;
  readonly size?: number;
  /** Read sizes that follow the consumer's pace (see ReadPace). */
  readonly pace?: ReadBuffers;
}

/** The one entry point for reading sources: picks the provider by scheme, retries, resumes. */
@Injectable()
export class Storage {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly catalog: SourceCatalog,
    private readonly providers: ReadonlyMap<StorageScheme, StorageProvider>,
    private readonly config: AppConfig,
  ) {
    const s = config.storage;
    this.retry = { maxAttempts: s.maxAttempts, baseMs: s.retryBaseMs, maxMs: s.retryMaxMs };
  }

  async stat(src: string, signal?: AbortSignal): Promise<SourceStat> {
    const { provider, uri } = this.route(src);
    for (let failures = 1; ; failures++) {
      try {
        return await provider.stat(uri, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        if (!isTransient(err) || failures >= this.retry.maxAttempts) throw asStorageError(err, src);
        await backoff(this.retry, failures, signal ?? new AbortController().signal);
      }
    }
  }

  /** A byte stream with backpressure; nothing is requested until it is read. */
  open(src: string, options: OpenOptions = {}): Readable {
    const { provider, uri } = this.route(src);
    return resumableRead((range) => provider.openRange(uri, range), {
      ...options,
      retry: this.retry,
      idleTimeoutMs: this.config.storage.idleTimeoutMs,
      label: src.length > 200 ? `${src.slice(0, 200)}…` : src,
    });
  }

  enabledProviders(): StorageProvider[] {
    return [...this.providers.values()];
  }

  private route(src: string) {
    const uri = this.catalog.check(src);
    const provider = this.providers.get(uri.scheme);
    if (!provider) throw new StorageError('SOURCE_FORBIDDEN', `no provider for ${uri.scheme}`);
    return { provider, uri };
  }
}

/** A failure as a problem a client can be shown: a refused or reset connection is SOURCE_UNAVAILABLE, not a 500. */
function asStorageError(err: unknown, src: string): unknown {
  if (err instanceof DomainError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  return new StorageError('SOURCE_UNAVAILABLE', `${shownSource(src)} could not be reached (${typeof code === 'string' ? code : 'error'})`, isTransient(err), err);
}
