import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { StoreModule } from '../store/store.module.js';
import { BundlePurger } from './bundle-purger.js';
import { BundleSecretGuard } from './bundle-secret.guard.js';
import { BundlesController } from './bundles.controller.js';
import { BundlesService } from './bundles.service.js';
import { FileRefsValidator } from './file-refs.validator.js';
import { BundleRepository } from './persistence/bundle.repository.js';
import { TypeOrmBundleRepository } from './persistence/typeorm-bundle.repository.js';

@Module({
  imports: [AuthModule, StorageModule, StoreModule],
  controllers: [BundlesController],
  providers: [
    { provide: BundleRepository, useClass: TypeOrmBundleRepository },
    BundlesService,
    BundleSecretGuard,
    FileRefsValidator,
    BundlePurger,
  ],
  exports: [BundlesService, BundleRepository, BundleSecretGuard, FileRefsValidator],
})
export class BundlesModule {}
