import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Pool } from 'pg';
import { loadConfig } from '../src/config/app-config.js';
import { SettlingDataSource } from '../src/database/settling-data-source.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';
import { eventually } from './support/eventually.js';

const inUse = (pool: Pool) => pool.totalCount - pool.idleCount;

describe('closing the data source', () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeEach(() => {
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('lets the queries under way, and those waiting for a connection, finish before the pool closes', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const ds = await new SettlingDataSource({ ...typeOrmOptions(loadConfig({ DATABASE_URL: url }), url, false), migrationsRun: false, poolSize: 1 }).initialize();
    const pool = (ds.driver as unknown as { master: Pool }).master;
    const ended: string[] = [];
    const track = <T>(name: string, query: Promise<T>) => query.finally(() => ended.push(name));
    // The query under way at the close: what is tested, not a wait (`eventually` below is the synchronisation).
    const running = track('running', ds.query(`SELECT pg_sleep(0.3), 1 AS one`));
    // The pool's one connection is taken: these wait for it, as requests do at shutdown.
    const waiting = [1, 2, 3].map((n) => track(`waiting ${n}`, ds.query(`SELECT $1::int AS n`, [n])));
    await eventually(() => inUse(pool) === 1 && pool.waitingCount === 3, 10_000, 'the first query to hold the connection');
    await ds.destroy();
    ended.push('destroyed');
    expect(ended).toEqual(['running', 'waiting 1', 'waiting 2', 'waiting 3', 'destroyed']);
    await expect(running).resolves.toEqual([{ pg_sleep: '', one: 1 }]);
    expect(await Promise.all(waiting)).toEqual([[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
    await new Promise((resolve) => setImmediate(resolve)); // a warning is emitted on the next tick
    expect(warnings).toEqual([]);
  });
});
