import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { StorageError } from '../storage/storage-error.js';
import { type OpenedRange, type RangeRequest, type SourceStat, StorageProvider } from '../storage/storage-provider.js';
import type { SourceUri } from '../storage/source-uri.js';
import { HotCache } from './cache/hot-cache.js';
import { FileStore } from './file-store.js';
import { StoredFileRepository } from './persistence/stored-file.repository.js';
import { contentTag, type StoredFile } from './stored-file.js';

/** `store://<id>`: a file in the service's own store, as a bundle's source. Its size, CRC-32 and version are known without reading it. */
@Injectable()
export class StoreStorageProvider extends StorageProvider {
  readonly scheme = 'store' as const;

  constructor(
    private readonly repo: StoredFileRepository,
    private readonly store: FileStore,
    private readonly cache: HotCache,
  ) {
    super();
  }

  async stat(uri: SourceUri): Promise<SourceStat> {
    const file = await this.find(uri);
    return { size: file.size, etag: contentTag(file), lastModified: file.createdAt, contentType: file.contentType, crc32: file.crc32 };
  }

  async openRange(uri: SourceUri, request: RangeRequest): Promise<OpenedRange> {
    const file = await this.find(uri);
    const etag = contentTag(file);
    if (request.etag !== undefined && request.etag !== etag) throw new StorageError('SOURCE_CHANGED', `store://${file.id} is not the file it was`);
    const end = Math.min(request.end ?? file.size - 1, file.size - 1);
    if (request.start > end) return { body: Readable.from([]), etag, objectSize: file.size };
    try {
      return { body: await this.cache.read(file, request.start, end, request.signal), etag, objectSize: file.size };
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT' || (err as Error).name === 'NoSuchKey') throw new StorageError('SOURCE_NOT_FOUND', `store://${file.id} was deleted`);
      throw err;
    }
  }

  async checkHealth(signal: AbortSignal): Promise<Record<string, unknown>> {
    return this.store.checkHealth(signal);
  }

  private async find(uri: SourceUri): Promise<StoredFile> {
    if (uri.scheme !== 'store') throw new Error(`not a stored file: ${uri.scheme}`);
    const file = await this.repo.find(uri.id);
    if (!file) throw new StorageError('SOURCE_NOT_FOUND', `store://${uri.id} does not exist (it was deleted)`);
    return file;
  }
}
