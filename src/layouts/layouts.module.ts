import { Module } from '@nestjs/common';
import { BundlesModule } from '../bundles/bundles.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { LaidOutPages } from './laid-out-pages.js';
import { LayoutRepository } from './layout.repository.js';
import { LayoutSealer } from './layout-sealer.js';
import { BundleLayouts } from './layouts.js';
import { TypeOrmLayoutRepository } from './persistence/typeorm-layout.repository.js';
import { SealController } from './seal.controller.js';
import { ProvisionalLayouts } from './provisional-layouts.js';

/** What is known of a bundle version's zip: learning it (downloads, sealing), keeping it, checking it. */
@Module({
  imports: [BundlesModule, StorageModule],
  controllers: [SealController],
  providers: [{ provide: LayoutRepository, useClass: TypeOrmLayoutRepository }, BundleLayouts, LaidOutPages, LayoutSealer, ProvisionalLayouts],
  exports: [BundleLayouts, LaidOutPages, ProvisionalLayouts],
})
export class LayoutsModule {}
