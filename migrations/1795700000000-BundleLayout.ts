import { MigrationInterface, QueryRunner } from "typeorm";

export class BundleLayout1795700000000 implements MigrationInterface {
    name = 'BundleLayout1795700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle" ADD "layout" jsonb`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD "entry_name" text`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD "size" bigint`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD "crc32" bigint`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD "version" text`);
        await queryRunner.query(`ALTER TABLE "bundle_file" ADD "entry_offset" bigint`);
        await queryRunner.query(`CREATE INDEX "idx_bundle_file_entry_offset" ON "bundle_file" ("bundle_id", "entry_offset") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_bundle_file_entry_offset"`);
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP COLUMN "entry_offset"`);
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP COLUMN "version"`);
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP COLUMN "crc32"`);
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP COLUMN "size"`);
        await queryRunner.query(`ALTER TABLE "bundle_file" DROP COLUMN "entry_name"`);
        await queryRunner.query(`ALTER TABLE "bundle" DROP COLUMN "layout"`);
    }

}
