import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../database/bigint-number.js';

@Entity('stored_file')
@Index('idx_stored_file_owner_created', ['owner', 'createdAt', 'id'])
export class StoredFileEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  owner: string;

  @Column('text')
  name: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  size: number;

  @Column('bytea')
  sha256: Buffer;

  @Column({ type: 'bigint', transformer: bigintNumber })
  crc32: number;

  /** The master key that wraps the file's data key; null when the file is stored in clear. */
  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId: string | null;

  @Column({ name: 'wrapped_key', type: 'bytea', nullable: true })
  wrappedKey: Buffer | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
