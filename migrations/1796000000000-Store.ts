import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Store1796000000000 implements MigrationInterface {
  name = 'Store1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bundle" ADD "owner" text`);
    await q.query(
      `CREATE TABLE "stored_file" ("id" uuid NOT NULL, "owner" text NOT NULL, "name" text NOT NULL, "content_type" text NOT NULL, "size" bigint NOT NULL, "sha256" bytea NOT NULL, "crc32" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_stored_file" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_stored_file_owner_created" ON "stored_file" ("owner", "created_at", "id")`);
    await q.query(
      `CREATE TABLE "pending_upload" ("id" uuid NOT NULL, "owner" text NOT NULL, "length" bigint NOT NULL, "offset" bigint NOT NULL, "name" text NOT NULL, "content_type" text NOT NULL, "metadata" text, "session" jsonb NOT NULL, "crc32" bigint NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_pending_upload" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_pending_upload_expires_at" ON "pending_upload" ("expires_at")`);
    // Deleting a stored file asks whether a bundle names it; only those rows are indexed.
    await q.query(`CREATE INDEX "idx_bundle_file_store_src" ON "bundle_file" ("src") WHERE "src" LIKE 'store://%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_bundle_file_store_src"`);
    await q.query(`DROP TABLE "pending_upload"`);
    await q.query(`DROP TABLE "stored_file"`);
    await q.query(`ALTER TABLE "bundle" DROP COLUMN "owner"`);
  }
}
