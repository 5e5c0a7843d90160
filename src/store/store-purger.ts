import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { PeriodicTask } from '../common/periodic-task.js';
import { FileStore } from './file-store.js';
import { StoredFileRepository } from './persistence/stored-file.repository.js';
import { TusService } from './tus/tus.service.js';

/**
 * Every PURGE_INTERVAL_SECONDS: removes expired resumable uploads with their
 * bytes, then temporaries that belong to no upload (left by a crash) once they
 * are older than STORE_UPLOAD_EXPIRY_MINUTES.
 */
@Injectable()
export class StorePurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StorePurger.name);
  private readonly task = new PeriodicTask('store purge', () => this.purgeAll(), this.logger);

  constructor(
    private readonly tus: TusService,
    private readonly store: FileStore,
    private readonly repo: StoredFileRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.bundles.purgeIntervalSeconds * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** A run already under way is joined, not repeated. */
  purge(): Promise<{ uploads: number; temporaries: number }> {
    return this.task.run();
  }

  private async purgeAll(): Promise<{ uploads: number; temporaries: number }> {
    let uploads = 0;
    for (let removed = await this.tus.purgeExpired(); removed > 0; removed = await this.tus.purgeExpired()) uploads += removed;
    const before = new Date(this.clock.now().getTime() - this.config.store.uploadExpiryMinutes * 60_000);
    const temporaries = await this.store.purgeTemporaries(before, (id) => this.repo.pendingExists(id));
    if (uploads + temporaries > 0) this.logger.log({ uploads, temporaries }, 'purged unfinished uploads');
    return { uploads, temporaries };
  }
}
