import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type DownloadOutcome = 'completed' | 'aborted' | 'client_gone';

/** One registry per application instance, so tests can run several apps in one process. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly archiveDownloads = new Counter({
    name: 'archive_downloads_total',
    help: 'Zip downloads by how they ended: completed, aborted (a source failed after the first byte) or client_gone',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly archiveStreams = new Gauge({ name: 'archive_streams_active', help: 'Zip downloads streaming now', registers: [this.registry] });
  readonly archiveBytes = new Counter({ name: 'archive_bytes_sent_total', help: 'Zip bytes written to clients', registers: [this.registry] });
  readonly skippedEntries = new Counter({
    name: 'archive_entries_skipped_total',
    help: 'Entries left out of a zip under onError=skip because their source failed',
    registers: [this.registry],
  });

  readonly storeIntegrityFailures = new Counter({
    name: 'store_integrity_failures_total',
    help: 'Reads of encrypted stored files whose ciphertext failed authentication (tampered, truncated or another file\'s)',
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({ name: 'store_cache_hits_total', help: 'Stored-file reads served from the hot cache', registers: [this.registry] });
  readonly cacheMisses = new Counter({ name: 'store_cache_misses_total', help: 'Reads of cacheable stored files that went to the store', registers: [this.registry] });
  readonly cacheEvictions = new Counter({ name: 'store_cache_evictions_total', help: 'Files dropped from the hot cache to stay within CACHE_MAX_BYTES', registers: [this.registry] });
  readonly cacheBytes = new Gauge({ name: 'store_cache_bytes', help: 'Plaintext bytes the hot cache holds', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
