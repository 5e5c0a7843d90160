import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StoreEncryption1796100000000 implements MigrationInterface {
  name = 'StoreEncryption1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stored_file" ADD "key_id" text`);
    await q.query(`ALTER TABLE "stored_file" ADD "wrapped_key" bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stored_file" DROP COLUMN "wrapped_key"`);
    await q.query(`ALTER TABLE "stored_file" DROP COLUMN "key_id"`);
  }
}
