import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { type RunningEmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: a configured server, or the embedded one this process runs. */
export abstract class DatabaseEndpoint {
  abstract readonly url: string;
  abstract readonly embedded: boolean;
}

@Injectable()
class ConfiguredEndpoint extends DatabaseEndpoint {
  readonly embedded = false;
  constructor(readonly url: string) {
    super();
  }
}

@Injectable()
class EmbeddedEndpoint extends DatabaseEndpoint implements OnApplicationShutdown {
  readonly embedded = true;
  constructor(private readonly server: RunningEmbeddedPostgres) {
    super();
  }
  get url(): string {
    return this.server.url;
  }
  // Runs after TypeORM has closed its pool, because TypeORM's module depends on this one.
  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}

export function embeddedDataDir(config: AppConfig): string {
  return join(config.dataDir, 'pgdata');
}

export async function createDatabaseEndpoint(config: AppConfig): Promise<DatabaseEndpoint> {
  if (config.database.url) return new ConfiguredEndpoint(config.database.url);
  const dir = embeddedDataDir(config);
  new Logger('Database').log(`No DATABASE_URL: using the embedded database in ${dir}`);
  return new EmbeddedEndpoint(await startEmbeddedPostgres(dir));
}
