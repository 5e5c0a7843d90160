import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportRowsUnchecked1796500000000 implements MigrationInterface {
  name = 'ImportRowsUnchecked1796500000000';

  // Staged rows without a foreign key: checking it cost the database as much as the insert of
  // each row. The service removes them itself (when an import ends, and again when it is purged).
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "manifest_import_row" DROP CONSTRAINT "FK_11c8173cb58a9ea21156f6da7b2"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "manifest_import_row" r WHERE NOT EXISTS (SELECT 1 FROM "manifest_import" i WHERE i."id" = r."import_id")`);
    await q.query(
      `ALTER TABLE "manifest_import_row" ADD CONSTRAINT "FK_11c8173cb58a9ea21156f6da7b2" FOREIGN KEY ("import_id") REFERENCES "manifest_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
