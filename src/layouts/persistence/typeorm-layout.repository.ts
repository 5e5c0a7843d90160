import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BundleEntity } from '../../bundles/persistence/bundle.entity.js';
import { filePage, toFileRef } from '../../bundles/persistence/typeorm-bundle.repository.js';
import type { LaidOutFile, Layout, LayoutJob } from '../layout.js';
import { LayoutJobEntity } from './layout-job.entity.js';
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
        r.entryName === null || r.size === null || r.version === null || r.entryOffset === null
          ? null
          : // A file's entry is stored blocks: its CRC-32 is learnt only by reading it.
            { name: r.entryName, size: r.size, crc32: r.crc32 ?? undefined, encoding: 'blocks', version: r.version, offset: r.entryOffset },
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
      `UPDATE bundle_file AS f SET entry_name = t.name, size = t.size, version = t.version, entry_offset = t.entry_offset,
         crc32 = CASE WHEN t.crc32 IS NULL AND f.entry_name = t.name AND f.size = t.size AND f.version = t.version AND f.entry_offset = t.entry_offset
                      THEN f.crc32 ELSE t.crc32 END
       FROM unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[]) AS t(position, name, size, crc32, version, entry_offset)
       WHERE f.bundle_id = $1 AND f.position = t.position`,
      [
        bundleId,
        entries.map((e) => e.index),
        entries.map((e) => e.name),
        entries.map((e) => e.size),
        entries.map((e) => e.crc32 ?? null),
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

  async forget(bundleId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE bundle SET layout = NULL WHERE id = $1`, [bundleId]);
      await tx.query(
        `UPDATE bundle_file SET entry_name = NULL, size = NULL, crc32 = NULL, version = NULL, entry_offset = NULL WHERE bundle_id = $1`,
        [bundleId],
      );
    });
  }

  async claim(bundleId: string, job: Pick<LayoutJob, 'forVersion' | 'kind' | 'owner' | 'heartbeatAt'>, staleBefore: Date): Promise<boolean> {
    // One statement: two instances claiming at once cannot both win.
    const rows: { owner: string }[] = await this.db.query(
      `INSERT INTO layout_job (bundle_id, for_version, kind, owner, state, files_done, bytes_read, error, heartbeat_at)
       VALUES ($1, $2, $3, $4, 'running', 0, 0, NULL, $5)
       ON CONFLICT (bundle_id) DO UPDATE SET for_version = EXCLUDED.for_version, kind = EXCLUDED.kind, owner = EXCLUDED.owner,
         state = 'running', files_done = 0, bytes_read = 0, error = NULL, heartbeat_at = EXCLUDED.heartbeat_at
       WHERE layout_job.state <> 'running' OR layout_job.for_version <> EXCLUDED.for_version OR layout_job.heartbeat_at < $6
         OR (EXCLUDED.kind = 'seal' AND layout_job.kind = 'learn')
       RETURNING owner`,
      [bundleId, job.forVersion, job.kind, job.owner, job.heartbeatAt, staleBefore],
    );
    return rows[0]?.owner === job.owner;
  }

  async progress(bundleId: string, owner: string, progress: Pick<LayoutJob, 'filesDone' | 'bytesRead' | 'heartbeatAt'>): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `UPDATE layout_job SET files_done = $3, bytes_read = $4, heartbeat_at = $5 WHERE bundle_id = $1 AND owner = $2 AND state = 'running' RETURNING 1`,
      [bundleId, owner, progress.filesDone, progress.bytesRead, progress.heartbeatAt],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async finish(bundleId: string, owner: string, outcome: { state: 'sealed' } | { state: 'failed'; error: string } | { state: 'released' }): Promise<void> {
    if (outcome.state === 'released') {
      await this.db.query(`DELETE FROM layout_job WHERE bundle_id = $1 AND owner = $2`, [bundleId, owner]);
      return;
    }
    const error = outcome.state === 'failed' ? outcome.error : null;
    await this.db.query(`UPDATE layout_job SET state = $3, error = $4 WHERE bundle_id = $1 AND owner = $2`, [bundleId, owner, outcome.state, error]);
  }

  async job(bundleId: string): Promise<LayoutJob | undefined> {
    const row = await this.db.getRepository(LayoutJobEntity).findOneBy({ bundleId });
    if (!row) return undefined;
    return {
      forVersion: row.forVersion,
      kind: row.kind as LayoutJob['kind'],
      owner: row.owner,
      state: row.state as LayoutJob['state'],
      filesDone: row.filesDone,
      bytesRead: Number(row.bytesRead),
      ...(row.error === null ? {} : { error: row.error }),
      heartbeatAt: row.heartbeatAt,
    };
  }
}
