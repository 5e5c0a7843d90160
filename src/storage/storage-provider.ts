import type { Readable } from 'node:stream';
import type { StorageScheme } from '../config/app-config.js';
import type { SourceUri } from './source-uri.js';

export interface SourceStat {
  readonly size?: number;
  readonly etag?: string;
  readonly lastModified?: Date;
  readonly contentType?: string;
  /** A full-object CRC-32 the store already knows, when it does. */
  readonly crc32?: number;
}

export interface RangeRequest {
  readonly start: number;
  /** Inclusive; undefined means to the end. */
  readonly end?: number;
  /** The version to insist on: a changed source must fail, not splice. */
  readonly etag?: string;
  readonly signal: AbortSignal;
  /** The buffer for the next read, sized to the consumer's pace; providers whose chunks come from the network ignore it. */
  readonly allocate?: () => Buffer;
}

export interface OpenedRange {
  /** Exactly the bytes from `start`, with backpressure. */
  readonly body: Readable;
  readonly etag?: string;
  /** The whole object's size, when the answer tells it. */
  readonly objectSize?: number;
}

/** The port, one implementation per scheme. Each call is a single attempt: retries live above. */
export abstract class StorageProvider {
  abstract readonly scheme: StorageScheme;
  abstract stat(uri: SourceUri, signal?: AbortSignal): Promise<SourceStat>;
  abstract openRange(uri: SourceUri, request: RangeRequest): Promise<OpenedRange>;
  /**
   * For readiness: throws when the provider cannot serve; returns details
   * otherwise, none of them telling how the service is set up. Stops its work
   * when `signal` aborts (the check's timeout).
   */
  abstract checkHealth(signal: AbortSignal): Promise<Record<string, unknown>>;
}
