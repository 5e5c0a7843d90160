import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { ArchiveController } from './archive.controller.js';
import { ArchiveService } from './archive.service.js';
import { DownloadCapabilityGuard } from './download-capability.guard.js';
import { FilePassthroughController } from './file-passthrough.controller.js';
import { SourceFileResponder } from './source-file-response.js';
import { StreamLimiter } from './stream-limiter.js';
import { ZipResponder } from './zip-response.js';

/** Zips made on the fly (one-off archives here; bundles' zips through downloads) and single files as themselves. */
@Module({
  imports: [AuthModule, BundlesModule, StorageModule],
  controllers: [ArchiveController, FilePassthroughController],
  providers: [ArchiveService, StreamLimiter, DownloadCapabilityGuard, ZipResponder, SourceFileResponder],
  exports: [ArchiveService, StreamLimiter, ZipResponder, DownloadCapabilityGuard, SourceFileResponder],
})
export class ArchiveModule {}
