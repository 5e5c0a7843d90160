import { Readable } from 'node:stream';

/**
 * Like Readable.from over an async generator, except that destroying it calls
 * `onDestroy` at once. Readable.from waits for the generator to return, which
 * cannot happen while it awaits I/O, so nothing would be aborted. The default
 * high-water mark of one byte makes each stage of a chain hold at most one chunk
 * (read sizes, not stacked buffers, set the pace: see ReadPace) while still
 * fetching the next as soon as that one is taken; with 0, a paused stream never
 * reads ahead, and throughput halved.
 */
export class GeneratorReadable extends Readable {
  constructor(
    private readonly source: AsyncGenerator<Buffer>,
    private readonly onDestroy: () => void,
    highWaterMark = 1,
  ) {
    super({ highWaterMark });
  }

  override _read(): void {
    this.source.next().then(
      (result) => (result.done ? this.push(null) : this.push(result.value)),
      (err: unknown) => this.destroy(err as Error),
    );
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.onDestroy();
    this.source.return(undefined).catch(() => undefined);
    callback(err);
  }
}
