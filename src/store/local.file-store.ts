import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { FileStore, StoreFullError, type StoredObject } from './file-store.js';
import type { StoreSession } from './stored-file.js';

const UUID = /^[0-9a-f-]{36}$/;

/**
 * Files under STORE_DIR: `tmp/<id>` while written, then fsynced and renamed to
 * `<2 hex>/<id>` (the rename is atomic; a crash leaves at most a temporary).
 * Directories 0700, files 0600.
 */
@Injectable()
export class LocalFileStore extends FileStore {
  readonly kind = 'local' as const;
  private ready: Promise<void> | undefined;

  constructor(private readonly config: AppConfig) {
    super();
  }

  async begin(id: string): Promise<StoreSession> {
    await this.prepare();
    const handle = await open(this.temporary(id), 'wx', 0o600).catch(asFull);
    await handle.close();
    return { tmp: id };
  }

  async append(session: StoreSession, offset: number, body: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<StoreSession> {
    const path = this.temporary(tmpOf(session));
    const handle = await open(path, 'r+');
    try {
      await handle.truncate(offset);
    } catch (err) {
      await handle.close();
      throw err;
    }
    try {
      // The stream closes the handle, fsynced first (flush), so that an offset reported to a client survives a crash.
      await pipeline(body, createWriteStream(path, { fd: handle, start: offset, flush: true, highWaterMark: 1 << 20 }));
    } catch (err) {
      throw asFullError(err);
    }
    return session;
  }

  async complete(id: string, session: StoreSession, size: number): Promise<null> {
    const from = this.temporary(tmpOf(session));
    const handle = await open(from, 'r+');
    try {
      await handle.truncate(size);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const dir = join(this.config.store.dir, id.slice(0, 2));
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await rename(from, join(dir, id));
    await syncDir(dir);
    return null;
  }

  async discard(session: StoreSession): Promise<void> {
    await rm(this.temporary(tmpOf(session)), { force: true });
  }

  async retire(): Promise<void> {
    // One temporary file per session: nothing to let go.
  }

  async read(file: StoredObject, start: number, end: number, signal: AbortSignal): Promise<Readable> {
    const path = this.final(file.id);
    const handle = await open(path, 'r');
    return createReadStream(path, { fd: handle, start, end, signal, highWaterMark: 256 * 1024 });
  }

  async remove(id: string): Promise<void> {
    await rm(this.final(id), { force: true });
  }

  async purgeTemporaries(before: Date, pending: (id: string) => Promise<boolean>): Promise<number> {
    await this.prepare();
    let removed = 0;
    for (const name of await readdir(join(this.config.store.dir, 'tmp'))) {
      const path = join(this.config.store.dir, 'tmp', name);
      const st = await stat(path).catch(() => undefined);
      if (!st || st.mtime >= before || (UUID.test(name) && (await pending(name)))) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  async checkHealth(): Promise<Record<string, unknown>> {
    await this.prepare();
    return {};
  }

  private prepare(): Promise<void> {
    this.ready ??= mkdir(join(this.config.store.dir, 'tmp'), { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  private temporary(id: string): string {
    return join(this.config.store.dir, 'tmp', id);
  }

  private final(id: string): string {
    if (!UUID.test(id)) throw new Error(`not a file id: ${id}`);
    return join(this.config.store.dir, id.slice(0, 2), id);
  }
}

function tmpOf(session: StoreSession): string {
  const tmp = session.tmp;
  if (typeof tmp !== 'string' || !UUID.test(tmp)) throw new Error('not a local store session');
  return tmp;
}

function asFullError(err: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' ? new StoreFullError('the store has no space left', { cause: err }) : err;
}

function asFull(err: unknown): never {
  throw asFullError(err);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
