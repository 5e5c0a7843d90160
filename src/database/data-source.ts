// Data source for the TypeORM CLI (`npm run migration:generate`, `migration:run`).
// It reads the same validated config as the app; with no DATABASE_URL it opens the
// embedded database under DATA_DIR, so generated migrations match what `npm start` runs.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { embeddedDataDir } from './database-endpoint.js';
import { typeOrmOptions } from './typeorm-options.js';

const config = loadConfig(process.env);
const embedded = config.database.url ? undefined : await startEmbeddedPostgres(embeddedDataDir(config));
const url = config.database.url ?? embedded!.url;

export default new DataSource({ ...typeOrmOptions(config, url, !!embedded), migrationsRun: false });
