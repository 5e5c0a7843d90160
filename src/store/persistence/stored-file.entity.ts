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

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
