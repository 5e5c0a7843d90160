import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProblemCode } from '../../../problems/problem-catalog.js';
import type { RowError } from '../parsing/imported-row.js';
import type { ImportKind, ImportState, NewBundleSettings } from '../import-record.js';

/** One row per import, so that any instance can report it. */
@Entity('manifest_import')
// Partial (unfinished imports only), made by its migration: TypeORM cannot describe it.
@Index('idx_manifest_import_unfinished', { synchronize: false })
@Index('idx_manifest_import_finished_at', { synchronize: false })
export class ImportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: ImportKind;

  @Column({ name: 'bundle_id', type: 'uuid' })
  bundleId: string;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Column({ type: 'jsonb', nullable: true })
  settings: NewBundleSettings | null;

  @Column('text')
  state: ImportState;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead: number;

  @Column({ name: 'rows_imported', type: 'integer', nullable: true })
  rowsImported: number | null;

  // No column default: every insert writes it, and TypeORM reads a jsonb default back as differing from any it declares.
  @Column({ type: 'jsonb' })
  errors: RowError[];

  @Column({ type: 'jsonb', nullable: true })
  problem: { code: ProblemCode; detail: string } | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** When its instance last said it was alive, on the database's clock (see ImportLeases). */
  @Column({ name: 'alive_at', type: 'timestamptz', default: () => 'now()' })
  aliveAt: Date;
}
