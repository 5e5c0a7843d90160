import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Bundle, BundleChanges, BundleLayout, FileRef, IndexedFileRef, LaidOutFile } from '../bundle.js';
import { BundleEntity } from './bundle.entity.js';
import { BundleFileEntity } from './bundle-file.entity.js';
import { BundleRepository, type LearntEntry, type NewBundle, TooManyFilesError } from './bundle.repository.js';

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

  async listFiles(id: string, fromIndex: number, limit: number): Promise<IndexedFileRef[]> {
    return (await this.page(id, fromIndex, limit)).map(toFileRef);
  }

  async listLaidOut(id: string, fromIndex: number, limit: number): Promise<LaidOutFile[]> {
    return (await this.page(id, fromIndex, limit)).map((r) => ({
      ...toFileRef(r),
      entry:
        r.entryName === null || r.size === null || r.crc32 === null || r.version === null || r.entryOffset === null
          ? null
          : // A file's entry is stored blocks: its CRC-32 is learnt only by reading it.
            { name: r.entryName, size: r.size, crc32: r.crc32, encoding: 'blocks', version: r.version, offset: r.entryOffset },
    }));
  }

  async fileAt(id: string, offset: number): Promise<number | undefined> {
    const rows: { position: number }[] = await this.db.query(
      `SELECT position FROM bundle_file WHERE bundle_id = $1 AND entry_offset <= $2 ORDER BY entry_offset DESC LIMIT 1`,
      [id, offset],
    );
    return rows[0]?.position;
  }

  async recordEntries(id: string, entries: readonly LearntEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `UPDATE bundle_file AS f SET entry_name = t.name, size = t.size, crc32 = t.crc32, version = t.version, entry_offset = t.entry_offset
       FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[]) AS t(position, name, size, crc32, version, entry_offset)
       WHERE f.bundle_id = $1 AND f.position = t.position`,
      [
        id,
        entries.map((e) => e.index),
        entries.map((e) => e.name),
        entries.map((e) => e.size),
        entries.map((e) => e.crc32),
        entries.map((e) => e.version),
        entries.map((e) => e.offset),
      ],
    );
  }

  async saveLayout(id: string, layout: BundleLayout): Promise<boolean> {
    const result = await this.db
      .getRepository(BundleEntity)
      .createQueryBuilder()
      .update()
      .set({ layout })
      .where('id = :id AND updated_at = :version', { id, version: new Date(layout.forVersion) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async dropLayout(id: string, etag: string): Promise<void> {
    await this.db.query(`UPDATE bundle SET layout = NULL WHERE id = $1 AND layout->>'etag' = $2`, [id, etag]);
  }

  private page(id: string, fromIndex: number, limit: number): Promise<BundleFileEntity[]> {
    return this.db
      .getRepository(BundleFileEntity)
      .createQueryBuilder('f')
      .where('f.bundle_id = :id AND f.position >= :fromIndex', { id, fromIndex })
      .orderBy('f.position', 'ASC')
      .limit(limit)
      .getMany();
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

function toFileRef(r: BundleFileEntity): IndexedFileRef {
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
