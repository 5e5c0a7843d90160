import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoreSession } from '../stored-file.js';
import { bigintNumber } from '../../database/bigint-number.js';

@Entity('pending_upload')
export class PendingUploadEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  owner: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  length: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  offset: number;

  @Column('text')
  name: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'text', nullable: true })
  metadata: string | null;

  @Column('jsonb')
  session: StoreSession;

  @Column({ type: 'bigint', transformer: bigintNumber })
  crc32: number;

  @Index('idx_pending_upload_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
