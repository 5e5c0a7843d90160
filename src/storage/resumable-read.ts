import type { Readable } from 'node:stream';
import { GeneratorReadable } from '../common/generator-readable.js';
import { isTransient, StorageError } from './storage-error.js';
import type { OpenedRange, RangeRequest } from './storage-provider.js';
import type { ReadBuffers } from './read-pace.js';
import { backoff, type RetryPolicy } from './retry-policy.js';

export interface ResumableReadOptions {
  readonly start?: number;
  readonly end?: number;
  /** Known version and size (from a stat or an earlier download), if any. */
  readonly etag?: string;
  readonly size?: number;
  readonly signal?: AbortSignal;
  readonly pace?: ReadBuffers;
  readonly retry: RetryPolicy;
  readonly idleTimeoutMs: number;
  /** Names the source in errors, e.g. "s3://bucket/key". */
  readonly label: string;
}

/**
 * One continuous byte stream over as many ranged requests as it takes. It opens
 * on the first read, retries transient failures with backoff, resumes a broken
 * body from the byte it reached (pinned to the first version seen), and fails,
 * never truncates, when the source is shorter or longer than its size.
 */
export function resumableRead(openRange: (request: RangeRequest) => Promise<OpenedRange>, options: ResumableReadOptions): Readable {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) onOuterAbort();

  const stream: Readable = new GeneratorReadable(
    pump(openRange, options, controller.signal, (info) => stream.emit('source', info)),
    () => {
      options.signal?.removeEventListener('abort', onOuterAbort);
      controller.abort(new Error('stream closed'));
    },
  );
  return stream;
}

/** Emitted once, as `'source'`, when the first answer arrives. */
export interface SourceInfo {
  readonly size?: number;
  readonly etag?: string;
}

async function* pump(
  openRange: (request: RangeRequest) => Promise<OpenedRange>,
  options: ResumableReadOptions,
  signal: AbortSignal,
  announce: (info: SourceInfo) => void,
): AsyncGenerator<Buffer> {
  const start = options.start ?? 0;
  let etag = options.etag;
  let size = options.size;
  let delivered = 0;
  let failures = 0;
  let announced = false;
  const pace = options.pace;
  const allocate = pace ? () => pace.allocate() : undefined;

  for (;;) {
    let opened: OpenedRange | undefined;
    const deliveredBefore = delivered;
    try {
      opened = await openRange({ start: start + delivered, end: options.end, etag, signal, allocate });
      if (etag !== undefined && opened.etag !== undefined && opened.etag !== etag) {
        throw new StorageError('SOURCE_CHANGED', `${options.label} changed while it was read (ETag ${etag} became ${opened.etag})`);
      }
      if (size !== undefined && opened.objectSize !== undefined && opened.objectSize !== size) {
        throw new StorageError('SOURCE_CHANGED', `${options.label} changed size from ${size} to ${opened.objectSize} bytes`);
      }
      if (!announced) {
        announced = true;
        announce({ size: expectedLength(start, options.end, opened.objectSize ?? size), etag: opened.etag ?? etag });
      }
      etag ??= opened.etag;
      size ??= opened.objectSize;
      const expected = expectedLength(start, options.end, size);

      for await (const chunk of idleGuarded(opened.body, options.idleTimeoutMs, options.label)) {
        delivered += chunk.length;
        if (expected !== undefined && delivered > expected) {
          throw new StorageError('SOURCE_SIZE_MISMATCH', `${options.label} delivered more than its ${expected} bytes`);
        }
        yield chunk;
      }
      if (expected === undefined || delivered === expected) return;
      // A clean end short of the size: resume; a source that is really shorter answers 416.
      throw new StorageError('SOURCE_UNAVAILABLE', `${options.label} ended after ${delivered} of ${expected} bytes`, true);
    } catch (err) {
      opened?.body.destroy();
      if (signal.aborted) throw signal.reason ?? err;
      if (!isTransient(err)) throw err;
      if (delivered > deliveredBefore) failures = 0; // progress earns a fresh budget
      failures += 1;
      if (failures >= options.retry.maxAttempts) {
        throw new StorageError('SOURCE_UNAVAILABLE', `${options.label} failed ${failures} times in a row: ${(err as Error).message}`, false, err);
      }
      await backoff(options.retry, failures, signal);
    } finally {
      opened?.body.destroy();
    }
  }
}

function expectedLength(start: number, end: number | undefined, size: number | undefined): number | undefined {
  if (end !== undefined) return end - start + 1;
  return size === undefined ? undefined : size - start;
}

/**
 * Destroys the body when the source sends nothing for `idleMs`. Only the waits on
 * the source count, never the time the consumer holds a chunk (backpressure); one
 * timer per body, re-armed rather than recreated, keeps the per-chunk cost small.
 */
async function* idleGuarded(body: Readable, idleMs: number, label: string): AsyncGenerator<Buffer> {
  let waiting = true;
  let lastChunkAt = Date.now();
  const timer = setTimeout(function check() {
    const idle = Date.now() - lastChunkAt;
    if (waiting && idle >= idleMs) {
      body.destroy(Object.assign(new Error(`${label} sent nothing for ${idleMs} ms`), { code: 'IDLE_TIMEOUT' }));
    } else {
      timer.refresh();
    }
  }, idleMs);
  try {
    for await (const chunk of body) {
      waiting = false;
      yield chunk as Buffer;
      waiting = true;
      lastChunkAt = Date.now();
    }
  } finally {
    clearTimeout(timer);
  }
}
