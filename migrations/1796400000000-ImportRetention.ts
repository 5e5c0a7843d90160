import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportRetention1796400000000 implements MigrationInterface {
  name = 'ImportRetention1796400000000';

  // Ended imports only, oldest first: what the purge deletes.
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_manifest_import_finished_at" ON "manifest_import" ("finished_at") WHERE "finished_at" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_manifest_import_finished_at"`);
  }
}
