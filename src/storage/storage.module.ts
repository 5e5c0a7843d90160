import { Module } from '@nestjs/common';
import { StoreModule } from '../store/store.module.js';
import { StoreStorageProvider } from '../store/store.storage-provider.js';
import { AppConfig, type StorageScheme } from '../config/app-config.js';
import { AddressPolicy, BlockListAddressPolicy } from './http/address-policy.js';
import { HostResolver, SystemHostResolver } from './http/host-resolver.js';
import { HttpStorageProvider } from './http/http.storage-provider.js';
import { LocalStorageProvider } from './local.storage-provider.js';
import { S3StorageProvider } from './s3/s3.storage-provider.js';
import { SourceCatalog } from './source-catalog.js';
import { Storage } from './storage.js';
import { ReadBudget } from './read-budget.js';
import type { StorageProvider } from './storage-provider.js';

@Module({
  imports: [StoreModule],
  providers: [
    SourceCatalog,
    LocalStorageProvider,
    S3StorageProvider,
    HttpStorageProvider,
    { provide: HostResolver, useClass: SystemHostResolver },
    { provide: ReadBudget, inject: [AppConfig], useFactory: (config: AppConfig) => new ReadBudget(config.storage.readBufferBytes) },
    {
      provide: AddressPolicy,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new BlockListAddressPolicy(config.storage.http.allowPrivateNetworks),
    },
    {
      provide: Storage,
      inject: [SourceCatalog, AppConfig, LocalStorageProvider, S3StorageProvider, HttpStorageProvider, StoreStorageProvider],
      useFactory: (catalog: SourceCatalog, config: AppConfig, ...all: StorageProvider[]) => {
        const enabled = new Map<StorageScheme, StorageProvider>();
        for (const p of all) if (config.storage.providers.includes(p.scheme)) enabled.set(p.scheme, p);
        return new Storage(catalog, enabled, config);
      },
    },
  ],
  exports: [SourceCatalog, Storage, ReadBudget],
})
export class StorageModule {}
