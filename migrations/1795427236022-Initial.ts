import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795427236022 implements MigrationInterface {
    name = 'Initial1795427236022'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bundle" ("id" uuid NOT NULL, "secret_hash" bytea NOT NULL, "filename" text NOT NULL, "file_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_637e3f87e837d6532109c198dea" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_bundle_expires_at" ON "bundle"  ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "bundle_file" ("bundle_id" uuid NOT NULL, "position" integer NOT NULL, "src" text NOT NULL, "dst" text, CONSTRAINT "PK_0572d4bad7b4a71593e34fbf9f9" PRIMARY KEY ("bundle_id", "position"))`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD CONSTRAINT "FK_56d333f8fbe4b8e19f763477ea9" FOREIGN KEY ("bundle_id") REFERENCES "bundle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP CONSTRAINT "FK_56d333f8fbe4b8e19f763477ea9"`);
        await queryRunner.query(`DROP TABLE "bundle_file"`);
        await queryRunner.query(`DROP INDEX "public"."idx_bundle_expires_at"`);
        await queryRunner.query(`DROP TABLE "bundle"`);
    }

}
