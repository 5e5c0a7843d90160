import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ManifestImport1796200000000 implements MigrationInterface {
  name = 'ManifestImport1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "manifest_import" ("id" uuid NOT NULL, "kind" text NOT NULL, "bundle_id" uuid NOT NULL, "secret_hash" bytea NOT NULL, "owner" text, "settings" jsonb, "state" text NOT NULL, "rows_read" integer NOT NULL DEFAULT 0, "rows_imported" integer, "errors" jsonb NOT NULL, "problem" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2f43dc0ff69a6ba2b2694b3cede" PRIMARY KEY ("id"))`,
    );
    // Unlogged: staged rows are worth nothing after a crash (the import is sent again), so they skip the WAL.
    await q.query(
      `CREATE UNLOGGED TABLE "manifest_import_row" ("import_id" uuid NOT NULL, "ord" integer NOT NULL, "src" text NOT NULL, "dst" text, CONSTRAINT "PK_0ac1ea74426c6e814e1f20721f0" PRIMARY KEY ("import_id", "ord"))`,
    );
    await q.query(
      `ALTER TABLE "manifest_import_row" ADD CONSTRAINT "FK_11c8173cb58a9ea21156f6da7b2" FOREIGN KEY ("import_id") REFERENCES "manifest_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "manifest_import_row" DROP CONSTRAINT "FK_11c8173cb58a9ea21156f6da7b2"`);
    await q.query(`DROP TABLE "manifest_import_row"`);
    await q.query(`DROP TABLE "manifest_import"`);
  }
}
