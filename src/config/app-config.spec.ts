import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';
import { env } from './env-schema.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for the embedded set-up', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.dataDir).toBe('./data');
    expect(c.database.url).toBeUndefined();
    expect(c.database.migrationsRun).toBe(true);
    expect(c.auth.allowAnonymousCreate).toBe(false);
    expect(c.auth.apiKeyHashes).toEqual([]);
    expect(c.bundles.lifetimeMinutes).toBe(10080);
    expect(c.storage.providers).toEqual(['file', 's3', 'http', 'store']);
    expect(c.store).toMatchObject({ backend: 'local', maxFileBytes: 50 * 2 ** 30, quotaBytes: 0, partBytes: 6 * 2 ** 20, uploadExpiryMinutes: 1440 });
    expect(c.compat.zipstream).toBe(false);
    expect(c.http).toMatchObject({ idleTimeoutMs: 300_000, headersTimeoutMs: 60_000, keepAliveTimeoutMs: 5_000 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it('names every bad key and why', () => {
    const problems = problemsOf({ PORT: 'abc', ZIPSTREAM_COMPAT: 'maybe', DATABASE_URL: 'mysql://x', STORAGE_PROVIDERS: 's3,ftp' });
    expect(problems.join('\n')).toMatch(/^PORT: /m);
    expect(problems.join('\n')).toMatch(/^ZIPSTREAM_COMPAT: must be true or false/m);
    expect(problems.join('\n')).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(problems.join('\n')).toMatch(/^STORAGE_PROVIDERS\.1: each must be one of file, s3, http/m);
    for (const bad of ['https://app.example.com/', 'app.example.com', 'ftp://x.example', 'https://a.example.com/path']) {
      expect(problemsOf({ CORS_ORIGINS: `*,${bad}` })).toEqual([expect.stringMatching(/^CORS_ORIGINS\.1: each must be \* or an origin/)]);
    }
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://127.0.0.1:8080' }).http.corsOrigins).toEqual(['https://app.example.com', 'http://127.0.0.1:8080']);
  });

  it('checks settings against each other', () => {
    expect(problemsOf({ BUNDLE_LIFETIME_MINUTES: '100', BUNDLE_MAX_LIFETIME_MINUTES: '10' })).toEqual([
      'BUNDLE_LIFETIME_MINUTES: must not exceed BUNDLE_MAX_LIFETIME_MINUTES',
    ]);
    expect(problemsOf({ STORE_BACKEND: 's3' })).toEqual(['STORE_S3_BUCKET: must be set when STORE_BACKEND is s3']);
    expect(problemsOf({ STORE_S3_PREFIX: '/abs' })[0]).toMatch(/^STORE_S3_PREFIX: /);
    expect(problemsOf({ CLIENT_IDLE_TIMEOUT_MS: '30000' })).toEqual([
      'CLIENT_IDLE_TIMEOUT_MS: must be longer than STORAGE_IDLE_TIMEOUT_MS (30000), or the service would cut its own slow answers',
    ]);
    expect(problemsOf({ CLIENT_IDLE_TIMEOUT_MS: '5000', STORAGE_IDLE_TIMEOUT_MS: '1000', IMPORT_ANSWER_WITHIN_MS: '5000' })[0]).toMatch(/^CLIENT_IDLE_TIMEOUT_MS: must be longer than IMPORT_ANSWER_WITHIN_MS/);
  });

  it('sizes S3 parts so that 10,000 of them hold the largest file allowed', () => {
    expect(loadConfig({ STORE_MAX_FILE_BYTES: String(2 ** 30) }).store.partBytes).toBe(5 * 2 ** 20);
    expect(loadConfig({ STORE_MAX_FILE_BYTES: String(5 * 2 ** 40) }).store.partBytes).toBe(525 * 2 ** 20);
  });

  it('hashes clear keys and accepts sha256: digests, refusing short or malformed ones', () => {
    const digest = createHash('sha256').update('a-long-enough-api-key').digest();
    const c = loadConfig({ API_KEYS: ` a-long-enough-api-key , sha256:${digest.toString('hex')} ` });
    expect(c.auth.apiKeyHashes).toEqual([digest, digest]);
    expect(problemsOf({ API_KEYS: 'short,sha256:abc' })).toEqual([
      'API_KEYS[0]: a key must be at least 16 characters long',
      'API_KEYS[1]: a sha256: key must be 64 hex digits',
    ]);
  });
});

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  /** Its settings table: the first cell names one setting or more (`A` / `B`), the second their defaults. */
  const rows = readme.split('\n').filter((line) => /^\| `[A-Z][A-Z0-9_]+`/.test(line)).map((line) => line.split('|').map((cell) => cell.trim()));

  it.each(Object.keys(env.shape))('lists %s with its default', (key) => {
    const row = rows.find(([, names]) => names.split(' / ').includes(`\`${key}\``));
    expect(row).toBeDefined();
    const fallback: unknown = env.shape[key as keyof typeof env.shape].parse(undefined);
    const at = row![1].split(' / ').indexOf(`\`${key}\``);
    const documented = row![2].split(' / ')[at] ?? row![2];
    if (Array.isArray(fallback)) expect(documented).toMatch(fallback.length === 0 ? /^empty/ : new RegExp(`^\`${fallback.join(',')}\``));
    else if (fallback === undefined || fallback === '') expect(documented).toMatch(/^(unset|empty|the |`[A-Z_]+\/)/); // or derived: from another setting, from the system
    else expect(documented).toMatch(new RegExp(`^\`${String(fallback).replaceAll('.', '\\.')}\``));
  });
});
