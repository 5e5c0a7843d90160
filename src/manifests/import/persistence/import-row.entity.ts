import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ImportEntity } from './import.entity.js';

/** An import's checked rows, held aside until the whole file is read; then moved into the bundle in one statement. */
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

  @ManyToOne(() => ImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Relation<ImportEntity>;
}
