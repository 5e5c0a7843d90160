import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PurgeJob } from '../../common/purge-job.js';
import { AppConfig } from '../../config/app-config.js';
import { ImportRepository } from './persistence/import.repository.js';

const BATCH = 500;

/**
 * Every PURGE_INTERVAL_SECONDS: deletes the records of imports that ended more
 * than IMPORT_RETENTION_HOURS ago (polling one then answers 404), so that the
 * table does not grow with every import ever made.
 */
@Injectable()
export class ImportPurger extends PurgeJob<number> {
  constructor(
    private readonly repo: ImportRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    super(config);
  }

  protected async purgeAll(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.imports.retentionHours * 3_600_000);
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await this.repo.deleteEnded(before, BATCH);
    if (total > 0) this.logger.log({ deleted: total }, 'purged ended imports');
    return total;
  }
}
