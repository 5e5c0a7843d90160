import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { PurgeJob } from '../common/purge-job.js';
import { BundleRepository } from './persistence/bundle.repository.js';

const BATCH = 500;

/** Deletes expired bundles periodically. Expiry itself is enforced on every read. */
@Injectable()
export class BundlePurger extends PurgeJob<number> {
  constructor(
    private readonly repo: BundleRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    super(config);
  }

  protected async purgeAll(): Promise<number> {
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
