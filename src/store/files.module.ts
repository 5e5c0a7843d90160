import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { FilesController } from './files.controller.js';
import { FilesService } from './files.service.js';
import { StoreModule } from './store.module.js';
import { TusController } from './tus/tus.controller.js';
import { TusVersionGuard } from './tus/tus-version.guard.js';

/** The store's routes: one-request uploads and files (`/v1/files`), resumable uploads (`/v1/uploads`, tus). */
@Module({
  imports: [StoreModule, AuthModule, ArchiveModule],
  controllers: [FilesController, TusController],
  providers: [FilesService, TusVersionGuard],
})
export class FilesModule {}
