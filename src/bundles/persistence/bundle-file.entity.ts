import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../../database/bigint-number.js';
import { BundleEntity } from './bundle.entity.js';

/** One row per file, keyed by position, so a bundle of 100,000 files appends cheaply. */
@Entity('bundle_file')
@Index('idx_bundle_file_entry_offset', ['bundleId', 'entryOffset'])
// Partial (store:// rows only), made by its migration: TypeORM cannot describe it.
@Index('idx_bundle_file_store_src', { synchronize: false })
export class BundleFileEntity {
  @PrimaryColumn({ name: 'bundle_id', type: 'uuid' })
  bundleId: string;

  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  src: string;

  @Column({ type: 'text', nullable: true })
  dst: string | null;

  // The file's entry in the zip (see layouts/): entry name, size, source version
  // and the offset of the local header once placed; the CRC-32 once learnt.
  @Column({ name: 'entry_name', type: 'text', nullable: true })
  entryName: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  size: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintNumber })
  crc32: number | null;

  @Column({ type: 'text', nullable: true })
  version: string | null;

  @Column({ name: 'entry_offset', type: 'bigint', nullable: true, transformer: bigintNumber })
  entryOffset: number | null;

  @ManyToOne(() => BundleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bundle_id' })
  bundle?: Relation<BundleEntity>;
}
