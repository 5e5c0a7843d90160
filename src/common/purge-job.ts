import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { PeriodicTask } from './periodic-task.js';

/**
 * A purge run every PURGE_INTERVAL_SECONDS (never when 0) and on demand: a run
 * under way is joined rather than started again, and shutdown waits for it.
 */
export abstract class PurgeJob<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly task = new PeriodicTask('purge', () => this.purgeAll(), this.logger);

  constructor(protected readonly config: AppConfig) {}

  protected abstract purgeAll(): Promise<T>;

  onApplicationBootstrap(): void {
    this.task.start(this.config.bundles.purgeIntervalSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  purge(): Promise<T> {
    return this.task.run();
  }
}
