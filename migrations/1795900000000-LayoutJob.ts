import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LayoutJob1795900000000 implements MigrationInterface {
  name = 'LayoutJob1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "layout_job" ("bundle_id" uuid NOT NULL, "for_version" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "owner" text NOT NULL, "state" text NOT NULL, "files_done" integer NOT NULL DEFAULT 0, "bytes_read" bigint NOT NULL DEFAULT 0, "error" text, "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_layout_job" PRIMARY KEY ("bundle_id"))`,
    );
    await q.query(`ALTER TABLE "layout_job" ADD CONSTRAINT "FK_layout_job_bundle" FOREIGN KEY ("bundle_id") REFERENCES "bundle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "layout_job"`);
  }
}
