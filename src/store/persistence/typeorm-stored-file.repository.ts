import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, type QueryDeepPartialEntity } from 'typeorm';
import type { PendingUpload, StoredFile } from '../stored-file.js';
import { PendingUploadEntity } from './pending-upload.entity.js';
import { StoredFileEntity } from './stored-file.entity.js';
import { QuotaExceededError, StoredFileRepository } from './stored-file.repository.js';

@Injectable()
export class TypeOrmStoredFileRepository extends StoredFileRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async insert(file: StoredFile, quota: number): Promise<void> {
    await this.db.transaction(async (em) => {
      if (quota > 0) {
        // One owner's inserts queue here, so two uploads cannot both fit the same remaining quota.
        await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`stored_file:${file.owner}`]);
        const used = await usedBy(em.query.bind(em), file.owner);
        if (used + file.size > quota) throw new QuotaExceededError(used, quota);
      }
      await em.insert(StoredFileEntity, { ...file });
      await em.delete(PendingUploadEntity, { id: file.id });
    });
  }

  async find(id: string): Promise<StoredFile | null> {
    return this.db.getRepository(StoredFileEntity).findOneBy({ id });
  }

  async findOwned(id: string, owner: string): Promise<StoredFile | null> {
    return this.db.getRepository(StoredFileEntity).findOneBy({ id, owner });
  }

  async namesOwned(ids: readonly string[], owner: string): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(StoredFileEntity).find({ select: { id: true, name: true }, where: { id: In([...ids]), owner } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async page(owner: string, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<StoredFile[]> {
    const q = this.db.getRepository(StoredFileEntity).createQueryBuilder('f').where('f.owner = :owner', { owner });
    if (after) q.andWhere('(f.created_at, f.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return q.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC').limit(limit).getMany();
  }

  async usedBytes(owner: string): Promise<number> {
    return usedBy(this.db.query.bind(this.db), owner);
  }

  async referenced(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM bundle_file WHERE src = $1 LIMIT 1`, [`store://${id}`]);
    return rows.length > 0;
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.db.getRepository(StoredFileEntity).delete({ id })).affected ?? 0) > 0;
  }

  async insertPending(upload: PendingUpload): Promise<void> {
    await this.db.getRepository(PendingUploadEntity).insert({ ...upload } as QueryDeepPartialEntity<PendingUploadEntity>);
  }

  async findPending(id: string): Promise<PendingUpload | null> {
    return this.db.getRepository(PendingUploadEntity).findOneBy({ id });
  }

  async advancePending(id: string, fromOffset: number, to: Pick<PendingUpload, 'offset' | 'session' | 'crc32' | 'expiresAt'>): Promise<boolean> {
    const result = await this.db.getRepository(PendingUploadEntity).update({ id, offset: fromOffset }, { offset: to.offset, session: to.session, crc32: to.crc32, expiresAt: to.expiresAt } as QueryDeepPartialEntity<PendingUploadEntity>);
    return (result.affected ?? 0) > 0;
  }

  async deletePending(id: string): Promise<boolean> {
    return ((await this.db.getRepository(PendingUploadEntity).delete({ id })).affected ?? 0) > 0;
  }

  async expiredPending(now: Date, limit: number): Promise<PendingUpload[]> {
    return this.db.getRepository(PendingUploadEntity).find({ where: { expiresAt: LessThan(now) }, take: limit });
  }

  async pendingExists(id: string): Promise<boolean> {
    return this.db.getRepository(PendingUploadEntity).existsBy({ id });
  }
}

type Query = (sql: string, params: unknown[]) => Promise<{ used: string }[]>;

async function usedBy(query: Query, owner: string): Promise<number> {
  const rows = await query(`SELECT COALESCE(SUM(size), 0) AS used FROM stored_file WHERE owner = $1`, [owner]);
  return Number(rows[0].used);
}
