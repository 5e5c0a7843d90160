import { Injectable } from '@nestjs/common';
import { DomainError } from '../problems/domain-error.js';
import { HotCache } from './cache/hot-cache.js';
import { FileStore } from './file-store.js';
import { StoredFileRepository } from './persistence/stored-file.repository.js';
import type { StoredFile } from './stored-file.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Stored files as their owner sees them: another API key's file does not exist. */
@Injectable()
export class FilesService {
  constructor(
    private readonly repo: StoredFileRepository,
    private readonly store: FileStore,
    private readonly cache: HotCache,
  ) {}

  async get(id: string, owner: string): Promise<StoredFile> {
    const file = UUID.test(id) ? await this.repo.findOwned(id, owner) : null;
    if (!file) throw new DomainError('FILE_NOT_FOUND');
    return file;
  }

  async page(owner: string, cursor: string | undefined, limit: number): Promise<{ items: StoredFile[]; nextCursor: string | null }> {
    const rows = await this.repo.page(owner, decodeCursor(cursor), limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Refused while a bundle refers to the file, unless forced. */
  async delete(id: string, owner: string, force: boolean): Promise<void> {
    const file = await this.get(id, owner);
    if (!force && (await this.repo.referenced(file.id))) {
      throw new DomainError('FILE_IN_USE', `A bundle refers to store://${file.id}; delete with ?force=true to delete it anyway (that bundle's downloads then fail)`);
    }
    this.cache.delete(file.id);
    if (await this.repo.delete(file.id)) await this.store.remove(file.id);
  }

  /** Bytes `start`..`end` of an owned file. */
  read(file: StoredFile, start: number, end: number, signal: AbortSignal) {
    return this.cache.read(file, start, end, signal);
  }
}

function encodeCursor(file: StoredFile): string {
  return Buffer.from(`${file.createdAt.toISOString()}|${file.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued');
  return { createdAt, id };
}
