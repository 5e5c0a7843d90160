import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../problems/domain-error.js';

/**
 * Where a spreadsheet waits between its upload and its parsing: a file of its
 * own (0600) in a directory only the service may read (0700). An XLSX must be
 * on disk anyway, since its parts are found from the end of the zip. Files
 * left by a stopped process are removed at start-up.
 */
@Injectable()
export class ImportSpool implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { dir } = this.config.imports;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    await Promise.all((await readdir(dir)).map((name) => rm(join(dir, name), { force: true })));
  }

  /** Refuses at once a body whose declared length (Content-Length) is past IMPORT_MAX_BYTES. */
  assertFits(length: number | undefined): void {
    if (length !== undefined && length > this.config.imports.maxBytes) throw this.tooLarge();
  }

  /** Writes the bytes to a new file, refusing past IMPORT_MAX_BYTES; resolves its path. */
  async write(body: AsyncIterable<Buffer>): Promise<string> {
    const path = join(this.config.imports.dir, `${randomUUID()}.upload`);
    const max = this.config.imports.maxBytes;
    const tooLarge = () => this.tooLarge();
    let bytes = 0;
    async function* bounded(source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        if (bytes > max) throw tooLarge();
        yield chunk;
      }
    }
    try {
      await pipeline(bounded(body), createWriteStream(path, { flags: 'wx', mode: 0o600 }) as Writable);
    } catch (err) {
      await this.remove(path);
      throw err;
    }
    if (bytes === 0) {
      await this.remove(path);
      throw new DomainError('IMPORT_INVALID', 'The spreadsheet is empty: send a CSV or XLSX whose first row names the columns (src, and optionally dst)');
    }
    return path;
  }

  private tooLarge(): DomainError {
    return new DomainError('IMPORT_TOO_LARGE', `The spreadsheet passes ${this.config.imports.maxBytes} bytes (IMPORT_MAX_BYTES)`);
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
