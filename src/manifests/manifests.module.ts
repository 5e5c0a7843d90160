import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { ManifestController } from './export/manifest.controller.js';
import { ManifestRows } from './manifest-rows.js';
import { ManifestRepository } from './persistence/manifest.repository.js';
import { TypeOrmManifestRepository } from './persistence/typeorm-manifest.repository.js';

/** A bundle's file list as a spreadsheet: exported (CSV, XLSX) and imported. */
@Module({
  imports: [ArchiveModule, AuthModule, BundlesModule],
  controllers: [ManifestController],
  providers: [{ provide: ManifestRepository, useClass: TypeOrmManifestRepository }, ManifestRows],
})
export class ManifestsModule {}
