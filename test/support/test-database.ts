import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

/** Refuses any database whose name does not say it is for tests: the suite wipes it. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run the tests against database '${name}': its name must contain 'test'`);
  }
}

/** Drops everything, then applies the migrations, as a fresh deployment would. */
export async function resetAndMigrate(url: string): Promise<void> {
  // Migrations only: entities are not needed to apply SQL, which keeps this loadable without decorator metadata.
  const ds = await new DataSource({ type: 'postgres', url, migrations: MIGRATIONS }).initialize();
  try {
    await ds.query('DROP SCHEMA IF EXISTS public CASCADE');
    await ds.query('CREATE SCHEMA public');
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
