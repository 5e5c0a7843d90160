import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportStale1796300000000 implements MigrationInterface {
  name = 'ImportStale1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "manifest_import" ADD "alive_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Unfinished imports only: the stale ones are looked for every few seconds, among every import ever made.
    await q.query(`CREATE INDEX "idx_manifest_import_unfinished" ON "manifest_import" ("alive_at") WHERE "state" IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_manifest_import_unfinished"`);
    await q.query(`ALTER TABLE "manifest_import" DROP COLUMN "alive_at"`);
  }
}
