import { MigrationInterface, QueryRunner } from "typeorm";

export class BundleArchiveOptions1795600000000 implements MigrationInterface {
    name = 'BundleArchiveOptions1795600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle" ADD "compression" text NOT NULL DEFAULT 'store'`);
        await queryRunner.query(`ALTER TABLE "bundle" ADD "cover_sheet" boolean NOT NULL DEFAULT true`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle" DROP COLUMN "cover_sheet"`);
        await queryRunner.query(`ALTER TABLE "bundle" DROP COLUMN "compression"`);
    }

}
