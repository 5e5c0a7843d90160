import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PeriodicTask } from '../../common/periodic-task.js';
import { AppConfig } from '../../config/app-config.js';
import { ImportRepository } from './persistence/import.repository.js';

const BATCH = 500;

/**
 * Every PURGE_INTERVAL_SECONDS: deletes the records of imports that ended more
 * than IMPORT_RETENTION_HOURS ago (polling one then answers 404), so that the
 * table does not grow with every import ever made.
 */
@Injectable()
export class ImportPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ImportPurger.name);
  private readonly task = new PeriodicTask('import purge', () => this.purgeAll(), this.logger);

  constructor(
    private readonly repo: ImportRepository,
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
    const before = new Date(this.clock.now().getTime() - this.config.imports.retentionHours * 3_600_000);
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.repo.deleteEnded(before, BATCH);
    if (total > 0) this.logger.log({ deleted: total }, 'purged ended imports');
    return total;
  }
}
