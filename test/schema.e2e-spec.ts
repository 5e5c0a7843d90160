import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';

describe('entities and migrations', () => {
  let ds: DataSource;
  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL!;
    ds = await new DataSource({ ...typeOrmOptions(loadConfig({ DATABASE_URL: url }), url, false), migrationsRun: false }).initialize();
  });
  afterAll(() => ds.destroy());

  it('have no pending migration', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });

  it('agree: generating a migration after running them all would produce nothing', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
