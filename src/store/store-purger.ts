import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { PurgeJob } from '../common/purge-job.js';
import { FileStore } from './file-store.js';
import { StoredFileRepository } from './persistence/stored-file.repository.js';
import { TusService } from './tus/tus.service.js';

/**
 * Every PURGE_INTERVAL_SECONDS: removes expired resumable uploads with their
 * bytes, then temporaries that belong to no upload (left by a crash) once they
 * are older than STORE_UPLOAD_EXPIRY_MINUTES.
 */
@Injectable()
export class StorePurger extends PurgeJob<{ uploads: number; temporaries: number }> {
  constructor(
    private readonly tus: TusService,
    private readonly store: FileStore,
    private readonly repo: StoredFileRepository,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    super(config);
  }

  protected async purgeAll(): Promise<{ uploads: number; temporaries: number }> {
    let uploads = 0;
    for (let removed = await this.tus.purgeExpired(); removed > 0; removed = await this.tus.purgeExpired()) uploads += removed;
    const before = new Date(this.clock.now().getTime() - this.config.store.uploadExpiryMinutes * 60_000);
    const temporaries = await this.store.purgeTemporaries(before, (id) => this.repo.pendingExists(id));
    if (uploads + temporaries > 0) this.logger.log({ uploads, temporaries }, 'purged unfinished uploads');
    return { uploads, temporaries };
  }
}
