import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An import's checked rows, held aside until the whole file is read; then moved into the
 * bundle in one statement. No foreign key to the import: its check cost as much as the
 * insert; the repository drops an import's rows when it ends and when it is purged.
 */
@Entity('manifest_import_row')
export class ImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @PrimaryColumn('integer')
  ord: number;

  @Column('text')
  src: string;

  @Column({ type: 'text', nullable: true })
  dst: string | null;
}
