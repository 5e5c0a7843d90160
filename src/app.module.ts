import { type DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ArchiveModule } from './archive/archive.module.js';
import { DownloadsModule } from './downloads/downloads.module.js';
import { LayoutsModule } from './layouts/layouts.module.js';
import { ManifestsModule } from './manifests/manifests.module.js';
import { BundlesModule } from './bundles/bundles.module.js';
import { ClockModule } from './common/clock.js';
import { CompatModule } from './compat/compat.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsEndpointModule, MetricsModule } from './metrics/metrics.module.js';
import { ProblemsModule } from './problems/problems.module.js';
import { FilesModule } from './store/files.module.js';
import { RequestValidationPipe } from './problems/validation.pipe.js';

@Module({})
export class AppModule {
  /** Modules that depend on settings are chosen here, from the validated config. */
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        LoggingModule,
        DatabaseModule,
        ProblemsModule,
        HealthModule,
        MetricsModule,
        ...(config.metrics.enabled ? [MetricsEndpointModule] : []),
        BundlesModule,
        ArchiveModule,
        LayoutsModule,
        DownloadsModule,
        FilesModule,
        ManifestsModule,
        // Last: its root-level routes would otherwise shadow the others.
        ...(config.compat.zipstream ? [CompatModule] : []),
      ],
      providers: [{ provide: APP_PIPE, useValue: new RequestValidationPipe(config.bundles.maxFilesPerRequest) }],
    };
  }
}
