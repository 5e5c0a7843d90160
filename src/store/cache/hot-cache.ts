import { Readable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../../config/app-config.js';
import { Metrics } from '../../metrics/metrics.js';
import { FileStore, type StoredObject } from '../file-store.js';

const FETCH_TIMEOUT_MS = 60_000;

/**
 * Recently uploaded and read small files, as plaintext in this process's
 * memory (never on disk): at most CACHE_MAX_BYTES in all, none over
 * CACHE_MAX_FILE_BYTES, each for CACHE_TTL_SECONDS. A stored file never
 * changes under its id, so nothing has to be shared between instances; a
 * deleted file is dropped. Concurrent misses for one file make one store read.
 */
@Injectable()
export class HotCache implements OnModuleDestroy {
  private readonly lru: LRUCache<string, Buffer, StoredObject> | undefined;
  private readonly maxFileBytes: number;
  private readonly purger: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: FileStore,
    config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    const { maxBytes, maxFileBytes, ttlSeconds } = config.store.cache;
    this.maxFileBytes = maxFileBytes;
    if (maxBytes === 0 || maxFileBytes === 0) return;
    this.lru = new LRUCache<string, Buffer, StoredObject>({
      maxSize: maxBytes,
      maxEntrySize: maxFileBytes,
      sizeCalculation: (bytes) => Math.max(1, bytes.length),
      ttl: ttlSeconds * 1000,
      // A reader that leaves does not cancel the read others wait on.
      ignoreFetchAbort: true,
      fetchMethod: (_id, _stale, { context }) => this.readWhole(context),
      dispose: (_bytes, _id, reason) => {
        if (reason === 'evict') metrics.cacheEvictions.inc();
      },
    });
    // lru-cache drops stale entries only when touched: sweep them, not one timer per entry.
    this.purger = setInterval(() => this.sweep(), Math.min(ttlSeconds * 1000, 60_000)).unref();
  }

  /** Bytes `start`..`end` of the file: from memory when it is small enough to be kept. */
  async read(file: StoredObject, start: number, end: number, signal: AbortSignal): Promise<Readable> {
    if (!this.lru || file.size > this.maxFileBytes) return this.store.read(file, start, end, signal);
    const status: LRUCache.Status<string, Buffer, StoredObject> = {};
    const bytes = await this.lru.fetch(file.id, { context: file, status });
    (status.fetch === 'hit' ? this.metrics.cacheHits : this.metrics.cacheMisses).inc();
    this.measure();
    if (!bytes) return this.store.read(file, start, end, signal);
    return Readable.from([bytes.subarray(start, end + 1)], { objectMode: false });
  }

  /** Whether a file of this size is kept (an upload collects its bytes only then). */
  keeps(size: number): boolean {
    return this.lru !== undefined && size <= this.maxFileBytes;
  }

  put(id: string, bytes: Buffer): void {
    if (!this.lru || bytes.length > this.maxFileBytes) return;
    this.lru.set(id, bytes);
    this.measure();
  }

  delete(id: string): void {
    this.lru?.delete(id);
    this.measure();
  }

  /** Bytes held now. */
  get size(): number {
    return this.lru?.calculatedSize ?? 0;
  }

  sweep(): void {
    this.lru?.purgeStale();
    this.measure();
  }

  onModuleDestroy(): void {
    clearInterval(this.purger);
  }

  private async readWhole(file: StoredObject): Promise<Buffer> {
    if (file.size === 0) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.read(file, 0, file.size - 1, AbortSignal.timeout(FETCH_TIMEOUT_MS))) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    if (bytes.length !== file.size) throw new Error(`store://${file.id} gave ${bytes.length} bytes, not ${file.size}`);
    return bytes;
  }

  private measure(): void {
    this.metrics.cacheBytes.set(this.size);
  }
}

/** Collects an upload's bytes on their way to the store, for the cache, while they stay within its per-file limit. */
export class CacheFill {
  private chunks: Buffer[] | undefined = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  async *tap(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      if (this.chunks) {
        this.length += chunk.length;
        if (this.length > this.limit) this.chunks = undefined;
        else this.chunks.push(Buffer.from(chunk));
      }
      yield chunk;
    }
  }

  /** The bytes, if they all fitted. */
  bytes(): Buffer | undefined {
    return this.chunks && Buffer.concat(this.chunks, this.length);
  }
}
