import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../metrics/metrics.js';
import { HotCache } from './cache/hot-cache.js';
import { EncryptedFileStore } from './encryption/encrypted-file-store.js';
import { KeyWrapper, keyWrapperProvider } from './encryption/key-wrapper.js';
import { MasterKeyCheck } from './encryption/master-key-check.js';
import { FileStore } from './file-store.js';
import { LocalFileStore } from './local.file-store.js';
import { StoredFileRepository } from './persistence/stored-file.repository.js';
import { TypeOrmStoredFileRepository } from './persistence/typeorm-stored-file.repository.js';
import { S3FileStore } from './s3.file-store.js';
import { StorePurger } from './store-purger.js';
import { StoreStorageProvider } from './store.storage-provider.js';
import { TusService } from './tus/tus.service.js';
import { UploadsService } from './uploads.service.js';

/** The service's own store: where uploaded files' bytes live (STORE_BACKEND) and what the database knows of them. */
@Module({
  providers: [
    keyWrapperProvider,
    {
      provide: FileStore,
      inject: [AppConfig, KeyWrapper, Metrics],
      useFactory: (config: AppConfig, wrapper: KeyWrapper, metrics: Metrics) =>
        new EncryptedFileStore(config.store.backend === 's3' ? new S3FileStore(config) : new LocalFileStore(config), wrapper, () => metrics.storeIntegrityFailures.inc()),
    },
    HotCache,
    MasterKeyCheck,
    { provide: StoredFileRepository, useClass: TypeOrmStoredFileRepository },
    StoreStorageProvider,
    UploadsService,
    TusService,
    StorePurger,
  ],
  exports: [FileStore, KeyWrapper, HotCache, StoredFileRepository, StoreStorageProvider, UploadsService, TusService, StorePurger],
})
export class StoreModule {}
