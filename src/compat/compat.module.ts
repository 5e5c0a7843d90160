import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { ZipstreamController } from './zipstream.controller.js';

/** Imported last by AppModule: its catch-all `/:id/:secret` routes must not shadow others. */
@Module({ imports: [AuthModule, BundlesModule, ArchiveModule], controllers: [ZipstreamController] })
export class CompatModule {}
