import { MigrationInterface, QueryRunner } from "typeorm";

export class BundlePublic1795432925535 implements MigrationInterface {
    name = 'BundlePublic1795432925535'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle" ADD "public" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "bundle" DROP COLUMN "public"`);
    }

}
