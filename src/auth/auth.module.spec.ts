import { describe, expect, it } from '@jest/globals';
import { sha256 } from '../common/digest.js';
import type { AppConfig } from '../config/app-config.js';
import { apiKeysFactory } from './auth.module.js';

const DEV_KEY = `dev_${'k'.repeat(43)}`;
const store = { loadOrCreate: async () => DEV_KEY };
const config = (apiKeys: string[], url?: string) =>
  ({ dataDir: '/nonexistent', database: { url }, auth: { apiKeyHashes: apiKeys.map(sha256), allowAnonymousCreate: false } }) as unknown as AppConfig;

describe('the development API key', () => {
  it('exists on the embedded default when no key is configured', async () => {
    const keys = await apiKeysFactory(config([]), store);
    expect(keys.devKey).toBe(DEV_KEY);
    expect(keys.verify(DEV_KEY)).toBeDefined();
  });

  it('does not exist once API_KEYS is set, nor on PostgreSQL', async () => {
    for (const c of [config(['configured-key-aaaaaaaaaaaa']), config([], 'postgres://db/x')]) {
      const keys = await apiKeysFactory(c, store);
      expect(keys.devKey).toBeUndefined();
      expect(keys.verify(DEV_KEY)).toBeUndefined();
    }
    expect((await apiKeysFactory(config(['configured-key-aaaaaaaaaaaa']), store)).verify('configured-key-aaaaaaaaaaaa')).toBeDefined();
  });
});
