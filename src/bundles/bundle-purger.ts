import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { BundleRepository } from './persistence/bundle.repository.js';

const BATCH = 500;

/** Deletes expired bundles periodically. Expiry itself is enforced on every read. */
@Injectable()
export class BundlePurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BundlePurger.name);
  private readonly task = new PeriodicTask('purge', () => this.purgeAll(), this.logger);

  constructor(
    private readonly repo: BundleRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.bundles.purgeIntervalSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Deletes in batches until none is left; a run already under way is joined, not repeated. */
  purge(): Promise<number> {
    return this.task.run();
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
