import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { ArchiveController } from './archive.controller.js';
import { ArchiveService } from './archive.service.js';
import { DownloadCapabilityGuard } from './download-capability.guard.js';
import { FilePassthroughController } from './file-passthrough.controller.js';
import { StreamLimiter } from './stream-limiter.js';
import { ZipResponder } from './zip-response.js';
import { BundleLayouts } from './layout/bundle-layouts.js';
import { LaidOutBytes } from './layout/laid-out-bytes.js';
import { LaidOutDownload } from './layout/laid-out-download.js';
import { LaidOutPages } from './layout/laid-out-pages.js';
import { LayoutSealer } from './layout/layout-sealer.js';
import { SealController } from './layout/seal.controller.js';

@Module({
  imports: [AuthModule, BundlesModule, StorageModule],
  controllers: [ArchiveController, FilePassthroughController, SealController],
  providers: [ArchiveService, StreamLimiter, DownloadCapabilityGuard, ZipResponder, BundleLayouts, LaidOutBytes, LaidOutDownload, LaidOutPages, LayoutSealer],
  exports: [ArchiveService, StreamLimiter, ZipResponder],
})
export class ArchiveModule {}
