import type { Logger } from '@nestjs/common';

/**
 * Background housekeeping: `task` runs every `everyMs` (never when 0), a run
 * already under way is joined rather than started again, and `stop` waits for
 * it (so that it never meets a closed database). A failed run is logged; the
 * next one comes at its time.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly what: string,
    private readonly task: () => Promise<T>,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number): void {
    if (everyMs <= 0) return;
    this.timer = setInterval(() => void this.run().catch((err: unknown) => this.logger.error({ err }, `${this.what} failed`)), everyMs).unref();
  }

  run(): Promise<T> {
    this.running ??= this.task().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
