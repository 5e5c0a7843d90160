import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { sha256 } from '../common/digest.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeys } from './api-keys.js';
import { DevApiKeyStore } from './dev-api-key.store.js';
import { DownloadLinks } from './download-links.js';

/** The configured keys; the embedded default's development key only when no key is configured at all. */
export async function apiKeysFactory(config: Pick<AppConfig, 'database' | 'auth' | 'dataDir'>, store: Pick<DevApiKeyStore, 'loadOrCreate'>): Promise<ApiKeys> {
  const embedded = !config.database.url;
  const devKey = embedded && config.auth.apiKeyHashes.length === 0 ? await store.loadOrCreate(config.dataDir) : undefined;
  const hashes = devKey ? [...config.auth.apiKeyHashes, sha256(devKey)] : config.auth.apiKeyHashes;
  return new ApiKeys(hashes, devKey);
}

@Module({
  providers: [
    DevApiKeyStore,
    { provide: ApiKeys, inject: [AppConfig, DevApiKeyStore], useFactory: apiKeysFactory },
    ApiKeyGuard,
    DownloadLinks,
  ],
  exports: [ApiKeys, ApiKeyGuard, DownloadLinks],
})
export class AuthModule {}
