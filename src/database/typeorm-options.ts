import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import type { AppConfig } from '../config/app-config.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { EMBEDDED_MAX_CONNECTIONS } from './embedded-postgres.js';

/** One definition for the app and the TypeORM CLI, so both see the same schema. */
export function typeOrmOptions(config: AppConfig, url: string, embedded: boolean): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: config.database.migrationsRun,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: embedded ? Math.min(config.database.poolSize, EMBEDDED_MAX_CONNECTIONS) : config.database.poolSize,
    logging: ['error', 'migration'],
  };
}
