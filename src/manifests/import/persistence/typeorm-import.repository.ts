import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BundleEntity } from '../../../bundles/persistence/bundle.entity.js';
import type { NewBundle } from '../../../bundles/persistence/bundle.repository.js';
import type { ImportRecord } from '../import-record.js';
import type { PlacedRef } from '../import-rows-check.js';
import type { CheckedBatch } from '../parsing/checked-batch.js';
import { ImportEntity } from './import.entity.js';
import { type CommitResult, type ImportOutcome, type ImportProgress, ImportRepository } from './import.repository.js';

const DROP_SLICE = 20_000;

@Injectable()
export class TypeOrmImportRepository extends ImportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async insert(record: ImportRecord): Promise<void> {
    await this.db.getRepository(ImportEntity).insert({ ...record, errors: [...record.errors] });
  }

  async find(id: string): Promise<ImportRecord | null> {
    return this.db.getRepository(ImportEntity).findOneBy({ id });
  }

  async progress(id: string, progress: ImportProgress, now: Date): Promise<void> {
    await this.db.getRepository(ImportEntity).update({ id }, { ...progress, updatedAt: now });
  }

  async stage(id: string, plain: CheckedBatch['plain'], stored: readonly PlacedRef[]): Promise<void> {
    const insert = `INSERT INTO manifest_import_row (import_id, ord, src, dst)
       SELECT $1, t.ord, t.src, t.dst FROM unnest($2::int[], $3::text[], $4::text[]) AS t(ord, src, dst)`;
    // The parser's binary arrays go as they are: one buffer a column, nothing to convert here.
    if (plain) await this.db.query(insert, [id, plain.ords, plain.srcs, plain.dsts]);
    if (stored.length > 0) await this.db.query(insert, [id, stored.map((r) => r.ord), stored.map((r) => r.src), stored.map((r) => r.dst ?? null)]);
  }

  async commit(record: ImportRecord, rows: number, create: NewBundle | null, maxTotal: number, now: Date): Promise<CommitResult> {
    const result = await this.moveIn(record, rows, create, maxTotal, now);
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
      await em.getRepository(ImportEntity).update({ id: record.id }, { state: 'succeeded', rowsRead: rows, rowsImported: rows, updatedAt: now, finishedAt: now });
      return { committed: rows };
    });
  }

  async finish(id: string, outcome: ImportOutcome, now: Date): Promise<void> {
    await this.db.getRepository(ImportEntity).update({ id }, { ...outcome, errors: [...outcome.errors], updatedAt: now, finishedAt: now });
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

  async abandon(ids: readonly string[], detail: string, now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`DELETE FROM manifest_import_row WHERE import_id = ANY($1::uuid[])`, [ids]);
    await this.db.getRepository(ImportEntity).update(
      { id: In([...ids]), state: In(['queued', 'running']) },
      { state: 'failed', problem: { code: 'SERVICE_UNAVAILABLE', detail }, updatedAt: now, finishedAt: now },
    );
  }
}
