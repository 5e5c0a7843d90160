import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { BundleEntity } from '../../bundles/persistence/bundle.entity.js';

/**
 * Who is learning a bundle's layout (a seal, or a first download), and how far it
 * got: in the database, so that every instance sees it and none repeats it.
 */
@Entity('layout_job')
export class LayoutJobEntity {
  @PrimaryColumn({ name: 'bundle_id', type: 'uuid' })
  bundleId: string;

  @Column({ name: 'for_version', type: 'timestamptz' })
  forVersion: Date;

  /** `seal` or `learn` (a download). */
  @Column('text')
  kind: string;

  /** The instance that runs it. */
  @Column('text')
  owner: string;

  /** `running`, `sealed` or `failed`. */
  @Column('text')
  state: string;

  @Column({ name: 'files_done', type: 'integer', default: 0 })
  filesDone: number;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0 })
  bytesRead: string;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Moved on as the job reports progress; a running job left behind by a stopped instance goes stale. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz' })
  heartbeatAt: Date;

  @OneToOne(() => BundleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bundle_id', foreignKeyConstraintName: 'FK_layout_job_bundle' })
  bundle?: Relation<BundleEntity>;
}
