import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { ZipstreamController } from './zipstream.controller.js';

/** Imported last by AppModule: its catch-all `/:id/:secret` routes must not shadow others. */
@Module({ imports: [AuthModule, BundlesModule], controllers: [ZipstreamController] })
export class CompatModule {}
