import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Zips now write stored data as deflate stored blocks with a data descriptor:
 * layouts learnt for the earlier format describe other bytes, so they are
 * forgotten and learnt again by the next complete download or seal.
 */
export class StoredBlockLayouts1795800000000 implements MigrationInterface {
  name = 'StoredBlockLayouts1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "bundle" SET "layout" = NULL WHERE "layout" IS NOT NULL`);
    await q.query(
      `UPDATE "bundle_file" SET "entry_name" = NULL, "size" = NULL, "crc32" = NULL, "version" = NULL, "entry_offset" = NULL WHERE "entry_offset" IS NOT NULL`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: layouts are learnt again.
  }
}
