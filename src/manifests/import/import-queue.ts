/**
 * Runs at most `concurrency` tasks at once and keeps at most `max` waiting;
 * beyond that `offer` refuses (the caller answers 503), so that a burst of
 * imports costs spooled files on disk, never unbounded work.
 */
export class ImportQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly max: number,
  ) {}

  /** Whether a task offered now would be taken. */
  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.max;
  }

  /** Runs `task` when its turn comes; undefined (nothing run) when the queue is full. */
  offer<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (!this.hasRoom()) return undefined;
    return this.turn().then(async () => {
      try {
        return await task();
      } finally {
        this.running -= 1;
        this.waiting.shift()?.();
      }
    });
  }

  private turn(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waiting.push(() => {
        this.running += 1;
        resolve();
      }),
    );
  }
}
