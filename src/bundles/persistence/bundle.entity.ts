import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Compression } from '../../archive/compression.js';
import type { Layout } from '../../layouts/layout.js';

@Entity('bundle')
export class BundleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @Column('text')
  filename: string;

  @Column({ type: 'text', nullable: true })
  owner: string | null;

  /** A public bundle downloads with its id alone, as in ZipStream. */
  @Column({ type: 'boolean', default: false })
  public: boolean;

  @Column({ type: 'text', default: 'store' })
  compression: Compression;

  @Column({ name: 'cover_sheet', type: 'boolean', default: true })
  coverSheet: boolean;

  // Kept on the row so that reads and appends never count the file table.
  @Column({ name: 'file_count', type: 'integer', default: 0 })
  fileCount: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  layout: Layout | null;

  @Index('idx_bundle_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
