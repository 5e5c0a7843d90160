import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { LayoutsModule } from '../layouts/layouts.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { DownloadService } from './download.service.js';
import { DownloadsController } from './downloads.controller.js';
import { LaidOutBytes } from './laid-out-bytes.js';
import { LaidOutDownload } from './laid-out-download.js';

/** A bundle's zip as one response: planned (laid out, or streamed as made), then sent. */
@Module({
  imports: [ArchiveModule, AuthModule, BundlesModule, LayoutsModule, StorageModule],
  controllers: [DownloadsController],
  providers: [DownloadService, LaidOutDownload, LaidOutBytes],
})
export class DownloadsModule {}
