import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigError } from '../../config/app-config.js';
import { StoredFileRepository } from '../persistence/stored-file.repository.js';
import { KeyWrapper } from './key-wrapper.js';

/**
 * Refuses to start when a master key that still wraps some file's data key is
 * missing from STORE_ENCRYPTION_KEYS: found now, not at the first download.
 */
@Injectable()
export class MasterKeyCheck implements OnApplicationBootstrap {
  constructor(
    private readonly repo: StoredFileRepository,
    private readonly wrapper: KeyWrapper,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const missing = (await this.repo.masterKeysInUse()).filter((kid) => !this.wrapper.has(kid));
    if (missing.length === 0) return;
    throw new ConfigError([
      `STORE_ENCRYPTION_KEYS: stored files are wrapped under the master key${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set. ` +
        'Put it back (after the current key); it can be removed once `npm run store:rewrap` has rewrapped every file under the current key.',
    ]);
  }
}
