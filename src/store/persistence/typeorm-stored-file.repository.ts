import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, Not, type QueryDeepPartialEntity } from 'typeorm';
import type { SealedKey } from '../encryption/key-wrapper.js';
import type { PendingUpload, StoredFile } from '../stored-file.js';
import { PendingUploadEntity } from './pending-upload.entity.js';
import { StoredFileEntity } from './stored-file.entity.js';
import { type KeyHolder, QuotaExceededError, StoredFileRepository } from './stored-file.repository.js';

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
      await em.insert(StoredFileEntity, toEntity(file));
      await em.delete(PendingUploadEntity, { id: file.id });
    });
  }

  async find(id: string): Promise<StoredFile | null> {
    return toFile(await this.db.getRepository(StoredFileEntity).findOneBy({ id }));
  }

  async findOwned(id: string, owner: string): Promise<StoredFile | null> {
    return toFile(await this.db.getRepository(StoredFileEntity).findOneBy({ id, owner }));
  }

  async namesOwned(ids: readonly string[], owner: string): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(StoredFileEntity).find({ select: { id: true, name: true }, where: { id: In([...ids]), owner } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async page(owner: string, after: { createdAt: Date; id: string } | undefined, limit: number): Promise<StoredFile[]> {
    const q = this.db.getRepository(StoredFileEntity).createQueryBuilder('f').where('f.owner = :owner', { owner });
    if (after) q.andWhere('(f.created_at, f.id) < (:at, :id)', { at: after.createdAt, id: after.id });
    return (await q.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC').limit(limit).getMany()).map((e) => toFile(e)!);
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

  async masterKeysInUse(): Promise<string[]> {
    const rows: { kid: string }[] = await this.db.query(
      `SELECT key_id AS kid FROM stored_file WHERE key_id IS NOT NULL UNION SELECT session->>'kid' FROM pending_upload WHERE session->>'kid' IS NOT NULL`,
    );
    return rows.map((r) => r.kid).sort();
  }

  async keysNotUnder(kid: string, limit: number): Promise<KeyHolder[]> {
    const files = await this.db.getRepository(StoredFileEntity).find({ select: { id: true, keyId: true, wrappedKey: true }, where: { keyId: Not(kid) }, take: limit });
    const pending = await this.db.query(`SELECT id, session FROM pending_upload WHERE session->>'kid' <> $1 LIMIT $2`, [kid, limit]) as { id: string; session: Record<string, unknown> }[];
    return [
      ...files.map((f): KeyHolder => ({ kind: 'file', id: f.id, key: { kid: f.keyId!, wrapped: f.wrappedKey! } })),
      ...pending.map((p): KeyHolder => ({ kind: 'upload', id: p.id, key: { kid: String(p.session.kid), wrapped: Buffer.from(String(p.session.wrapped), 'base64') } })),
    ];
  }

  async replaceKey(holder: KeyHolder, key: SealedKey): Promise<boolean> {
    if (holder.kind === 'file') {
      const result = await this.db.getRepository(StoredFileEntity).update({ id: holder.id, keyId: holder.key.kid }, { keyId: key.kid, wrappedKey: key.wrapped });
      return (result.affected ?? 0) > 0;
    }
    // The session is rewritten in place only while it still holds the old key: an append meanwhile keeps its own.
    const rows: unknown[] = await this.db.query(
      `UPDATE pending_upload SET session = session || jsonb_build_object('kid', $2::text, 'wrapped', $3::text) WHERE id = $1 AND session->>'kid' = $4 AND session->>'wrapped' = $5 RETURNING id`,
      [holder.id, key.kid, key.wrapped.toString('base64'), holder.key.kid, holder.key.wrapped.toString('base64')],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }
}

function toEntity(file: StoredFile): StoredFileEntity {
  const { key, ...rest } = file;
  return { ...rest, keyId: key?.kid ?? null, wrappedKey: key?.wrapped ?? null };
}

function toFile(entity: StoredFileEntity | null): StoredFile | null {
  if (!entity) return null;
  const { keyId, wrappedKey, ...rest } = entity;
  return { ...rest, key: keyId && wrappedKey ? { kid: keyId, wrapped: wrappedKey } : null };
}

type Query = (sql: string, params: unknown[]) => Promise<{ used: string }[]>;

async function usedBy(query: Query, owner: string): Promise<number> {
  const rows = await query(`SELECT COALESCE(SUM(size), 0) AS used FROM stored_file WHERE owner = $1`, [owner]);
  return Number(rows[0].used);
}
