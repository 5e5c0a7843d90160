import { constants } from 'node:fs';
import { access, mkdir, open, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { fileChunks } from './file-chunks.js';
import { StorageError } from './storage-error.js';
import { type OpenedRange, type RangeRequest, type SourceStat, StorageProvider } from './storage-provider.js';
import type { SourceUri } from './source-uri.js';

const READ_CHUNK = 64 * 1024;

/** `file:///path` under one configured root; nothing outside it can be reached. */
@Injectable()
export class LocalStorageProvider extends StorageProvider {
  readonly scheme = 'file' as const;
  private root: Promise<string> | undefined;

  constructor(private readonly config: AppConfig) {
    super();
  }

  async stat(uri: SourceUri): Promise<SourceStat> {
    const { st } = await this.resolve(uri);
    return { size: st.size, lastModified: st.mtime, etag: versionTag(st), contentType: undefined };
  }

  async openRange(uri: SourceUri, request: RangeRequest): Promise<OpenedRange> {
    const { path, st, label } = await this.resolve(uri);
    const etag = versionTag(st);
    if (request.etag !== undefined && request.etag !== etag) {
      throw new StorageError('SOURCE_CHANGED', `${label} changed since it was first read`);
    }
    if (request.start > 0 && request.start >= st.size) {
      throw new StorageError('SOURCE_SIZE_MISMATCH', `${label} is shorter than ${request.start + 1} bytes`);
    }
    // Open first, then stream from the handle: fs.createReadStream with a signal
    // aborted before its own open completes leaks that descriptor (seen in tests).
    const handle = await open(path, 'r').catch((err: unknown) => {
      throw fsError(err, label);
    });
    if (request.signal.aborted) {
      await handle.close();
      throw request.signal.reason;
    }
    const body = fileChunks(handle, request.start, request.end ?? st.size - 1, request.allocate ?? (() => Buffer.allocUnsafeSlow(READ_CHUNK)));
    const abort = () => body.destroy();
    request.signal.addEventListener('abort', abort, { once: true });
    body.once('close', () => request.signal.removeEventListener('abort', abort));
    return { body, etag, objectSize: st.size };
  }

  async checkHealth(): Promise<Record<string, unknown>> {
    await access(await this.realRoot(), constants.R_OK);
    return {};
  }

  /** Realpath then prefix test: catches symlinks that lead outside the root, which then look like missing files. */
  private async resolve(uri: SourceUri) {
    if (uri.scheme !== 'file') throw new Error(`not a file source: ${uri.scheme}`);
    const label = `file:///${uri.path}`;
    const root = await this.realRoot();
    let path: string;
    try {
      path = await realpath(join(root, uri.path));
    } catch (err) {
      throw fsError(err, label);
    }
    // Whatever lies outside the root does not exist, as far as anyone can tell from here.
    if (!path.startsWith(root + sep)) throw new StorageError('SOURCE_NOT_FOUND', `${label} does not exist`);
    const st = await stat(path).catch((err: unknown) => {
      throw fsError(err, label);
    });
    if (!st.isFile()) throw new StorageError('SOURCE_NOT_FOUND', `${label} is not a regular file`);
    return { path, st, label };
  }

  private realRoot(): Promise<string> {
    this.root ??= (async () => {
      await mkdir(this.config.storage.local.root, { recursive: true });
      return realpath(this.config.storage.local.root);
    })();
    this.root.catch(() => (this.root = undefined));
    return this.root;
  }
}

function versionTag(st: { size: number; mtimeMs: number; ino: number }): string {
  return `"${st.ino.toString(36)}-${st.size.toString(36)}-${Math.trunc(st.mtimeMs * 1000).toString(36)}"`;
}

function fsError(err: unknown, label: string): StorageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new StorageError('SOURCE_NOT_FOUND', `${label} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new StorageError('SOURCE_FORBIDDEN', `${label} may not be read`);
  return new StorageError('SOURCE_UNAVAILABLE', `${label} could not be read (${code ?? 'error'})`, code === 'EMFILE' || code === 'EAGAIN', err);
}
