import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BundleEntity } from '../../bundles/persistence/bundle.entity.js';
import { filePage, toFileRef } from '../../bundles/persistence/typeorm-bundle.repository.js';
import type { LaidOutFile, Layout } from '../layout.js';
import { LayoutRepository, type LearntEntry } from '../layout.repository.js';

/**
 * Layouts in PostgreSQL: the frame on the bundle row (jsonb), each file's entry
 * in the layout columns of its row, indexed by offset for ranges.
 */
@Injectable()
export class TypeOrmLayoutRepository extends LayoutRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async listLaidOut(bundleId: string, fromIndex: number, limit: number): Promise<LaidOutFile[]> {
    return (await filePage(this.db, bundleId, fromIndex, limit)).map((r) => ({
      ...toFileRef(r),
      entry:
        r.entryName === null || r.size === null || r.crc32 === null || r.version === null || r.entryOffset === null
          ? null
          : // A file's entry is stored blocks: its CRC-32 is learnt only by reading it.
            { name: r.entryName, size: r.size, crc32: r.crc32, encoding: 'blocks', version: r.version, offset: r.entryOffset },
    }));
  }

  async fileAt(bundleId: string, offset: number): Promise<number | undefined> {
    const rows: { position: number }[] = await this.db.query(
      `SELECT position FROM bundle_file WHERE bundle_id = $1 AND entry_offset <= $2 ORDER BY entry_offset DESC LIMIT 1`,
      [bundleId, offset],
    );
    return rows[0]?.position;
  }

  async recordEntries(bundleId: string, entries: readonly LearntEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `UPDATE bundle_file AS f SET entry_name = t.name, size = t.size, crc32 = t.crc32, version = t.version, entry_offset = t.entry_offset
       FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[]) AS t(position, name, size, crc32, version, entry_offset)
       WHERE f.bundle_id = $1 AND f.position = t.position`,
      [
        bundleId,
        entries.map((e) => e.index),
        entries.map((e) => e.name),
        entries.map((e) => e.size),
        entries.map((e) => e.crc32),
        entries.map((e) => e.version),
        entries.map((e) => e.offset),
      ],
    );
  }

  async save(bundleId: string, layout: Layout): Promise<boolean> {
    const result = await this.db
      .getRepository(BundleEntity)
      .createQueryBuilder()
      .update()
      .set({ layout })
      .where('id = :id AND updated_at = :version', { id: bundleId, version: new Date(layout.forVersion) })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async drop(bundleId: string, etag: string): Promise<void> {
    await this.db.query(`UPDATE bundle SET layout = NULL WHERE id = $1 AND layout->>'etag' = $2`, [bundleId, etag]);
  }
}
