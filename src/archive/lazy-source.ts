import type { Readable } from 'node:stream';
import type { SourceInfo } from '../storage/resumable-read.js';
import type { ReadPace } from '../storage/read-pace.js';
import { PREFETCH_READ_BYTES } from './prefetch-window.js';

/**
 * A source that is opened only when asked: ahead of its turn by the prefetch
 * window (reading at most one small buffer), or when its turn comes (reads then
 * follow the client's pace). A failure while it waits is kept for its turn.
 */
export class LazySource {
  private stream: Readable | undefined;
  private current = false;
  private failure: unknown;
  private info: SourceInfo | undefined;

  constructor(
    private readonly open: (allocate: () => Buffer) => Readable,
    private readonly pace: ReadPace,
  ) {}

  prefetch(): void {
    this.start();
  }

  /** The stream, for its turn; throws what went wrong while it was prefetched. */
  take(): Readable {
    this.current = true;
    const stream = this.start();
    if (this.failure) throw this.failure;
    return stream;
  }

  /** What the source told of itself on answering (size, ETag), once it has. */
  async described(): Promise<SourceInfo | undefined> {
    const stream = this.take();
    if (this.info) return this.info;
    await new Promise<void>((resolve, reject) => {
      stream.once('source', () => resolve());
      stream.once('error', reject);
    });
    return this.info;
  }

  get version(): string | undefined {
    return this.info?.etag;
  }

  private start(): Readable {
    if (this.stream) return this.stream;
    const stream = this.open(() => this.pace.allocate(this.current ? undefined : PREFETCH_READ_BYTES));
    // Listening at once: a prefetched source that fails must not be an unhandled 'error'.
    stream.on('error', (err) => (this.failure ??= err));
    stream.once('source', (info: SourceInfo) => (this.info = info));
    stream.read(0); // starts the request; backpressure stops it at one buffer
    this.stream = stream;
    return stream;
  }
}
