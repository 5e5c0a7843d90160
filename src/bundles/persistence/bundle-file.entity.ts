import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { BundleEntity } from './bundle.entity.js';

/** One row per file, keyed by position, so a bundle of 100,000 files appends cheaply. */
@Entity('bundle_file')
export class BundleFileEntity {
  @PrimaryColumn({ name: 'bundle_id', type: 'uuid' })
  bundleId: string;

  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  src: string;

  @Column({ type: 'text', nullable: true })
  dst: string | null;

  @ManyToOne(() => BundleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bundle_id' })
  bundle?: Relation<BundleEntity>;
}
