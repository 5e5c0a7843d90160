import { Module } from '@nestjs/common';
import { ArchiveModule } from '../archive/archive.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { BundlesModule } from '../bundles/bundles.module.js';
import { StoreModule } from '../store/store.module.js';
import { ManifestController } from './export/manifest.controller.js';
import { ImportLeases } from './import/import-leases.js';
import { ImportPurger } from './import/import-purger.js';
import { ImportRunner } from './import/import-runner.js';
import { ImportSpool } from './import/import-spool.js';
import { ImportsController } from './import/imports.controller.js';
import { ImportsService } from './import/imports.service.js';
import { ManifestParser } from './import/manifest-parser.js';
import { ParserThreads } from './import/parser-threads.js';
import { ImportRepository } from './import/persistence/import.repository.js';
import { TypeOrmImportRepository } from './import/persistence/typeorm-import.repository.js';
import { SpreadsheetUpload } from './import/spreadsheet-upload.js';
import { WorkerManifestParser } from './import/worker-manifest-parser.js';
import { ManifestRows } from './manifest-rows.js';
import { ManifestRepository } from './persistence/manifest.repository.js';
import { TypeOrmManifestRepository } from './persistence/typeorm-manifest.repository.js';

/** A bundle's file list as a spreadsheet: exported (CSV, XLSX) and imported. */
@Module({
  imports: [ArchiveModule, AuthModule, BundlesModule, StoreModule],
  controllers: [ManifestController, ImportsController],
  providers: [
    { provide: ManifestRepository, useClass: TypeOrmManifestRepository },
    { provide: ImportRepository, useClass: TypeOrmImportRepository },
    { provide: ManifestParser, useClass: WorkerManifestParser },
    ManifestRows,
    ImportSpool,
    ImportRunner,
    ImportLeases,
    ImportPurger,
    ParserThreads,
    ImportsService,
    SpreadsheetUpload,
  ],
})
export class ManifestsModule {}
