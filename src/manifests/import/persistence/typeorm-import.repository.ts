import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { arrayRows } from '../../../database/array-rows.js';
import { BundleEntity } from '../../../bundles/persistence/bundle.entity.js';
import type { NewBundle } from '../../../bundles/persistence/bundle.repository.js';
import type { ImportRecord } from '../import-record.js';
import type { PlacedRef } from '../import-rows-check.js';
import type { CheckedBatch } from '../parsing/checked-batch.js';
import { ImportEntity } from './import.entity.js';
import { type CommitResult, type ImportOutcome, type ImportProgress, ImportRepository } from './import.repository.js';

const DROP_SLICE = 20_000;
/** In the order of ImportRow. */
const COLUMNS = 'id, kind, bundle_id, secret_hash, owner, settings, state, rows_read, rows_imported, errors, problem, created_at, updated_at, finished_at';
const FIND = `SELECT ${COLUMNS} FROM manifest_import WHERE id = $1`;
const INSERT = `INSERT INTO manifest_import (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;
const DELETE_ENDED = `DELETE FROM manifest_import WHERE id IN (
  SELECT id FROM manifest_import WHERE finished_at < $1 ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id, rows_read`;
const UNFINISHED = `state IN ('queued', 'running')`;
// Only while unfinished: an import found stale and failed stays failed. Liveness is kept on the
// database's clock (alive_at), so that instances whose clocks disagree still agree on what is stale.
const PROGRESS = `UPDATE manifest_import SET state = $2, rows_read = $3, updated_at = $4, alive_at = clock_timestamp() WHERE id = $1 AND ${UNFINISHED} RETURNING 1`;
const FINISH = `UPDATE manifest_import SET state = $2, rows_read = $3, rows_imported = $4, errors = $5, problem = $6, updated_at = $7, finished_at = $7 WHERE id = $1 AND ${UNFINISHED}`;
const TOUCH = `UPDATE manifest_import SET alive_at = clock_timestamp() WHERE id = ANY($1::uuid[]) AND ${UNFINISHED}`;
/** Fails the unfinished imports that `which` ($1) picks, naming them and how many rows each read. */
const failUnfinished = (which: string) => `UPDATE manifest_import SET state = 'failed', problem = $2, updated_at = $3, finished_at = $3
  WHERE ${UNFINISHED} AND ${which} RETURNING id, rows_read`;
const FAIL_STALE = failUnfinished(`alive_at < clock_timestamp() - make_interval(secs => $1)`);
const FAIL_THESE = failUnfinished(`id = ANY($1::uuid[])`);
const json = (value: object | null) => (value === null ? null : JSON.stringify(value));
type ImportRow = [string, ImportRecord['kind'], string, Buffer, string | null, ImportRecord['settings'], ImportRecord['state'], number, number | null, ImportRecord['errors'], ImportRecord['problem'], Date, Date, Date | null];

function recordOf([id, kind, bundleId, secretHash, owner, settings, state, rowsRead, rowsImported, errors, problem, createdAt, updatedAt, finishedAt]: ImportRow): ImportRecord {
  return { id, kind, bundleId, secretHash, owner, settings, state, rowsRead, rowsImported, errors, problem, createdAt, updatedAt, finishedAt };
}

class NoLongerRunning extends Error {}

@Injectable()
export class TypeOrmImportRepository extends ImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async insert(r: ImportRecord): Promise<void> {
    await arrayRows(this.db, INSERT, [r.id, r.kind, r.bundleId, r.secretHash, r.owner, json(r.settings), r.state, r.rowsRead, r.rowsImported, JSON.stringify(r.errors), json(r.problem), r.createdAt, r.updatedAt, r.finishedAt]);
  }

  // Read at every poll of every running import, written at every batch: plain SQL on the pool.
  // TypeORM's query builder and entity mapping made a poll cost 320-470 µs of CPU; 250-290 this way.
  async find(id: string): Promise<ImportRecord | null> {
    const [row] = await arrayRows<ImportRow>(this.db, FIND, [id]);
    return row ? recordOf(row) : null;
  }

  async progress(id: string, progress: ImportProgress, now: Date): Promise<boolean> {
    return (await arrayRows(this.db, PROGRESS, [id, progress.state, progress.rowsRead, now])).length > 0;
  }

  async touch(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await arrayRows(this.db, TOUCH, [ids]);
  }

  failStale(staleSeconds: number, detail: string, now: Date): Promise<string[]> {
    return this.failUnfinished(FAIL_STALE, staleSeconds, detail, now);
  }

  async stage(id: string, plain: CheckedBatch['plain'], stored: readonly PlacedRef[]): Promise<void> {
    const insert = `INSERT INTO manifest_import_row (import_id, ord, src, dst)
       SELECT $1, t.ord, t.src, t.dst FROM unnest($2::int[], $3::text[], $4::text[]) AS t(ord, src, dst)`;
    // The parser's binary arrays go as they are: one buffer a column, nothing to convert here.
    if (plain) await this.db.query(insert, [id, plain.ords, plain.srcs, plain.dsts]);
    if (stored.length > 0) await this.db.query(insert, [id, stored.map((r) => r.ord), stored.map((r) => r.src), stored.map((r) => r.dst ?? null)]);
  }

  async commit(record: ImportRecord, rows: number, create: NewBundle | null, maxTotal: number, now: Date): Promise<CommitResult> {
    const result = await this.moveIn(record, rows, create, maxTotal, now).catch((err: unknown) => {
      if (err instanceof NoLongerRunning) return { refused: 'stopped' as const };
      throw err;
    });
    // Outside the transaction: the bundle is complete without waiting for a million deletions.
    await this.dropStaged(record.id, rows);
    return result;
  }

  private moveIn(record: ImportRecord, rows: number, create: NewBundle | null, maxTotal: number, now: Date): Promise<CommitResult> {
    return this.db.transaction(async (em) => {
      let first = 0;
      if (create) {
        await em.insert(BundleEntity, { ...create, fileCount: rows, layout: null });
      } else {
        const locked: { file_count: number }[] = await em.query(`SELECT file_count FROM bundle WHERE id = $1 FOR UPDATE`, [record.bundleId]);
        if (locked.length === 0) return { refused: 'gone' as const };
        first = locked[0].file_count;
        if (first + rows > maxTotal) return { refused: 'too-many' as const, current: first };
        await em.query(`UPDATE bundle SET file_count = file_count + $2, updated_at = $3, layout = NULL WHERE id = $1`, [record.bundleId, rows, now]);
      }
      await em.query(
        `INSERT INTO bundle_file (bundle_id, position, src, dst)
         SELECT $1, $2 + ord, src, dst FROM manifest_import_row WHERE import_id = $3`,
        [record.bundleId, first, record.id],
      );
      // Locked last, not first: polls and heartbeats read and touch the import while its rows move.
      const [current] = (await em.query(`SELECT state FROM manifest_import WHERE id = $1 FOR UPDATE`, [record.id])) as { state: string }[];
      if (current?.state !== 'running') throw new NoLongerRunning(); // failed as stale meanwhile: all of it rolls back
      await em.getRepository(ImportEntity).update({ id: record.id }, { state: 'succeeded', rowsRead: rows, rowsImported: rows, updatedAt: now, finishedAt: now });
      return { committed: rows };
    });
  }

  async finish(id: string, outcome: ImportOutcome, now: Date): Promise<void> {
    const { state, rowsRead, rowsImported, errors, problem } = outcome;
    await arrayRows(this.db, FINISH, [id, state, rowsRead, rowsImported, JSON.stringify(errors), json(problem), now]);
    await this.dropStaged(id, outcome.rowsRead);
  }

  /**
   * A slice of DROP_SLICE rows a statement: the embedded database runs one
   * statement at a time for everyone, and a million rows at once held every
   * other request for seconds.
   */
  private async dropStaged(id: string, rows: number): Promise<void> {
    for (let from = 0; from < rows; from += DROP_SLICE) {
      await this.db.query(`DELETE FROM manifest_import_row WHERE import_id = $1 AND ord >= $2 AND ord < $3`, [id, from, from + DROP_SLICE]);
    }
    await this.db.query(`DELETE FROM manifest_import_row WHERE import_id = $1`, [id]);
  }

  async deleteEnded(before: Date, limit: number): Promise<number> {
    // SKIP LOCKED: several instances purge at once without waiting on each other.
    const deleted = await arrayRows<[string, number]>(this.db, DELETE_ENDED, [before, limit]);
    // Their staged rows went when each ended; any that an instance stopping in the middle of
    // that left behind go now (no foreign key removes them).
    const small = deleted.filter(([, rowsRead]) => rowsRead <= DROP_SLICE).map(([id]) => id);
    if (small.length > 0) await this.db.query(`DELETE FROM manifest_import_row WHERE import_id = ANY($1::uuid[])`, [small]);
    for (const [id, rowsRead] of deleted) if (rowsRead > DROP_SLICE) await this.dropStaged(id, rowsRead);
    return deleted.length;
  }

  async abandon(ids: readonly string[], detail: string, now: Date): Promise<void> {
    if (ids.length > 0) await this.failUnfinished(FAIL_THESE, ids, detail, now);
  }

  /** Fails them as SERVICE_UNAVAILABLE and drops their staged rows (in slices, as every drop does). */
  private async failUnfinished(statement: string, which: unknown, detail: string, now: Date): Promise<string[]> {
    const failed = await arrayRows<[string, number]>(this.db, statement, [which, json({ code: 'SERVICE_UNAVAILABLE', detail }), now]);
    for (const [id, rowsRead] of failed) await this.dropStaged(id, rowsRead);
    return failed.map(([id]) => id);
  }
}
