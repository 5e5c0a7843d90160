import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

/** How long closing waits for the queries under way: bounded, so that a stuck query cannot hold a shutdown. */
const SETTLE_MS = 5_000;

/**
 * A data source that, when closed, first lets the queries under way and those
 * waiting for a connection finish (up to SETTLE_MS). TypeORM's own close hands
 * every connection back to the pool at once, query running or not, and ends
 * the pool: a request waiting for a connection can then be given one whose
 * query has not finished (pg queues it behind, and pg 9 will refuse it), and
 * the rest fail against an ended pool. At shutdown, requests that were cut off
 * can still be sending queries.
 */
export class SettlingDataSource extends DataSource {
  override async destroy(): Promise<void> {
    const pool = (this.driver as unknown as { master?: Pool }).master;
    if (pool) await settled(pool, SETTLE_MS);
    await super.destroy();
  }
}

/** Resolves once no connection is in use and nobody waits for one, or after `ms`. */
function settled(pool: Pool, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      // 'release' is emitted before the connection is back among the idle ones: look a turn later.
      setImmediate(() => {
        if (pool.totalCount > pool.idleCount || pool.waitingCount > 0) return;
        done();
      });
    };
    const done = () => {
      clearTimeout(timer);
      pool.off('release', check).off('remove', check);
      resolve();
    };
    const timer = setTimeout(done, ms);
    pool.on('release', check).on('remove', check);
    check();
  });
}
