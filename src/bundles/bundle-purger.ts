import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { BundleRepository } from './persistence/bundle.repository.js';

const BATCH = 500;

/** Deletes expired bundles periodically. Expiry itself is enforced on every read. */
@Injectable()
export class BundlePurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BundlePurger.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly repo: BundleRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.bundles.purgeIntervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      this.purge().catch((err: unknown) => this.logger.error({ err }, 'purge failed'));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes in batches until none is left; a run already under way is joined, not repeated. */
  purge(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async purgeAll(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const deleted = await this.repo.deleteExpired(now, BATCH);
      total += deleted;
      if (deleted < BATCH) break;
    }
    if (total > 0) this.logger.log({ deleted: total }, 'purged expired bundles');
    return total;
  }
}
