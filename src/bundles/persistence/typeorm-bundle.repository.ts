import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Bundle, BundleChanges, FileRef, IndexedFileRef } from '../bundle.js';
import { arrayRows } from '../../database/array-rows.js';
import { BundleEntity } from './bundle.entity.js';
import { BundleFileEntity } from './bundle-file.entity.js';
import { BundleRepository, type NewBundle, TooManyFilesError } from './bundle.repository.js';

@Injectable()
export class TypeOrmBundleRepository extends BundleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async insert(bundle: NewBundle, files: readonly FileRef[]): Promise<Bundle> {
    return this.db.transaction(async (em) => {
      const row = em.create(BundleEntity, { ...bundle, fileCount: files.length, layout: null });
      await em.insert(BundleEntity, row);
      await insertFiles(em, bundle.id, 0, files);
      return toBundle(row);
    });
  }

  async findById(id: string): Promise<Bundle | null> {
    const row = await this.db.getRepository(BundleEntity).findOneBy({ id });
    return row && toBundle(row);
  }

  async secretHash(id: string): Promise<Buffer | null> {
    const rows: { secret_hash: Buffer }[] = await this.db.query(`SELECT secret_hash FROM bundle WHERE id = $1`, [id]);
    return rows[0]?.secret_hash ?? null;
  }

  async appendFiles(id: string, files: readonly FileRef[], maxTotal: number, now: Date): Promise<Bundle | null> {
    return this.db.transaction(async (em) => {
      const row = await em
        .getRepository(BundleEntity)
        .createQueryBuilder('b')
        .setLock('pessimistic_write')
        .where('b.id = :id', { id })
        .getOne();
      if (!row) return null;
      if (row.fileCount + files.length > maxTotal) throw new TooManyFilesError(row.fileCount, maxTotal);
      await insertFiles(em, id, row.fileCount, files);
      row.fileCount += files.length;
      row.updatedAt = now;
      row.layout = null;
      await em.update(BundleEntity, { id }, { fileCount: row.fileCount, updatedAt: now, layout: null });
      return toBundle(row);
    });
  }

  async onlyStoredFiles(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM bundle_file WHERE bundle_id = $1 AND src NOT LIKE 'store://%' LIMIT 1`, [id]);
    return rows.length === 0;
  }

  async listFiles(id: string, fromIndex: number, limit: number): Promise<IndexedFileRef[]> {
    return (await filePage(this.db, id, fromIndex, limit)).map(toFileRef);
  }

  async update(id: string, changes: BundleChanges, now: Date): Promise<Bundle | null> {
    const result = await this.db.getRepository(BundleEntity).update({ id }, { ...changes, updatedAt: now, layout: null });
    return (result.affected ?? 0) > 0 ? this.findById(id) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.getRepository(BundleEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    // SKIP LOCKED lets several instances purge at once without waiting on each other.
    const result: unknown = await this.db.query(
      `DELETE FROM bundle WHERE id IN (
         SELECT id FROM bundle WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )`,
      [now, limit],
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}

/**
 * A page of a bundle's file rows, in order. Positions run 0…fileCount-1 without
 * gaps, so the page is a bounded range: with a lower bound alone, statistics that
 * still saw the bundle small (right after a bulk insert) planned a scan and sort
 * of every later row for each page (0.5 s a page at the middle of 1,000,000 files).
 * Read through the pool's callback query (see arrayRows), not TypeORM's: a zip of
 * 200,000 files grew the service by 499 MiB that way, and by 252 MiB this way.
 */
export async function filePage(db: DataSource, id: string, fromIndex: number, limit: number): Promise<FileRow[]> {
  const rows = await arrayRows<[number, string, string | null, string | null, string | null, string | null, string | null, string | null]>(
    db,
    `SELECT position, src, dst, entry_name, size, crc32, version, entry_offset FROM bundle_file
      WHERE bundle_id = $1 AND position >= $2 AND position < $3 ORDER BY position LIMIT $4`,
    [id, fromIndex, fromIndex + limit, limit],
  );
  const num = (v: string | null) => (v === null ? null : Number(v));
  return rows.map(([position, src, dst, entryName, size, crc32, version, entryOffset]) => ({ position, src, dst, entryName, size: num(size), crc32: num(crc32), version, entryOffset: num(entryOffset) }));
}

/** A file's row as the pages above read it. */
export type FileRow = Pick<BundleFileEntity, 'position' | 'src' | 'dst' | 'entryName' | 'size' | 'crc32' | 'version' | 'entryOffset'>;

export function toFileRef(r: FileRow): IndexedFileRef {
  return { index: r.position, src: r.src, ...(r.dst === null ? {} : { dst: r.dst }) };
}

/** One statement however many files: the arrays travel as two parameters. */
async function insertFiles(em: EntityManager, bundleId: string, firstPosition: number, files: readonly FileRef[]) {
  if (files.length === 0) return;
  await em.query(
    `INSERT INTO bundle_file (bundle_id, position, src, dst)
     SELECT $1, $2 + t.ord - 1, t.src, t.dst FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(src, dst, ord)`,
    [bundleId, firstPosition, files.map((f) => f.src), files.map((f) => f.dst ?? null)],
  );
}

function toBundle(row: BundleEntity): Bundle {
  return {
    id: row.id,
    secretHash: row.secretHash,
    filename: row.filename,
    owner: row.owner,
    public: row.public,
    fileCount: row.fileCount,
    compression: row.compression,
    coverSheet: row.coverSheet,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    expiresAt: row.expiresAt,
    layout: row.layout,
  };
}
