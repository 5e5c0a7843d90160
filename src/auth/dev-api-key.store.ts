import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';

/** The embedded default's development key: made once under DATA_DIR, then reused. */
@Injectable()
export class DevApiKeyStore {
  async loadOrCreate(dataDir: string): Promise<string> {
    const file = join(dataDir, 'dev-api-key');
    try {
      const existing = (await readFile(file, 'utf8')).trim();
      if (existing.length >= 32) return existing;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const key = `dev_${randomBytes(32).toString('base64url')}`;
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}
