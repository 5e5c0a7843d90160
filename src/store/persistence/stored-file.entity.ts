import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

// bigint comes back from pg as a string; sizes stay below 2^53.
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

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
