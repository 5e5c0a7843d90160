import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '../../config/app-config.js';
import { loadConfigOrExit } from '../../config/load-config-or-exit.js';
import { ConfigModule } from '../../config/config.module.js';
import { DatabaseModule } from '../../database/database.module.js';
import { StoredFileRepository } from '../persistence/stored-file.repository.js';
import { TypeOrmStoredFileRepository } from '../persistence/typeorm-stored-file.repository.js';
import { keyWrapperProvider } from './key-wrapper.js';
import { MasterKeyCheck } from './master-key-check.js';
import { Rewrapper } from './rewrap.js';

/**
 * `npm run store:rewrap`: every data key wrapped under the current master key
 * (the first of STORE_ENCRYPTION_KEYS), with the service's own settings. On
 * the embedded database, stop the service first (the database allows one
 * process); on PostgreSQL it can run while the service serves.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  @Module({
    imports: [ConfigModule.forRoot(config), DatabaseModule],
    providers: [keyWrapperProvider, { provide: StoredFileRepository, useClass: TypeOrmStoredFileRepository }, MasterKeyCheck, Rewrapper],
  })
  class RewrapModule {}
  const app = await NestFactory.createApplicationContext(RewrapModule, { logger: ['error'] }).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ConfigError ? 78 : 1);
  });
  try {
    const report = await app.get(Rewrapper).run();
    process.stdout.write(`${report.rewrapped} data keys rewrapped under ${report.kid}; ${report.left} left under other keys${report.left > 0 ? ' (uploads that moved on meanwhile: run again)' : ''}\n`);
    process.exitCode = report.left > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

await main();
