import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compression } from '../archive/compression.js';
import { sha256 } from '../common/digest.js';
import type { MasterKey } from '../store/encryption/key-wrapper.js';
import { env, type LogLevel, type StorageScheme } from './env-schema.js';
import { parseMasterKeys } from './master-keys.js';

/**
 * The validated, typed configuration. The class doubles as the DI token, so
 * services ask for `AppConfig` and never read `process.env` themselves.
 */
export abstract class AppConfig {
  abstract readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly publicUrl: string | undefined;
    /** Connections the kernel may queue before they are accepted. */
    readonly listenBacklog: number;
    /** A connection with a request under way that moves no byte either way for this long is closed. */
    readonly idleTimeoutMs: number;
    /** A request's headers must arrive within this (else 408). */
    readonly headersTimeoutMs: number;
    /** An idle kept-alive connection is closed after this. */
    readonly keepAliveTimeoutMs: number;
    /** Origins whose pages may call the API from a browser (`*`: any); empty: none. */
    readonly corsOrigins: readonly string[];
  };
  abstract readonly dataDir: string;
  abstract readonly database: {
    /** Unset means the embedded PGlite server under `dataDir`. */
    readonly url: string | undefined;
    readonly migrationsRun: boolean;
    readonly poolSize: number;
  };
  abstract readonly auth: {
    /** SHA-256 digests of the accepted API keys. */
    readonly apiKeyHashes: readonly Buffer[];
    readonly allowAnonymousCreate: boolean;
  };
  abstract readonly bundles: {
    readonly lifetimeMinutes: number;
    readonly maxLifetimeMinutes: number;
    readonly purgeIntervalSeconds: number;
    readonly maxFilesPerRequest: number;
    readonly maxFilesPerBundle: number;
  };
  abstract readonly storage: {
    readonly providers: readonly StorageScheme[];
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    readonly idleTimeoutMs: number;
    /** Expected concurrent source reads; sizes connection pools. */
    readonly concurrency: number;
    /** The read buffers of all downloads together (see ReadBudget). */
    readonly readBufferBytes: number;
    readonly local: { readonly root: string };
    readonly s3: {
      readonly region: string;
      readonly endpoint: string | undefined;
      readonly forcePathStyle: boolean;
      readonly allowedBuckets: readonly string[];
    };
    readonly http: {
      readonly allowedHosts: readonly string[];
      readonly allowPrivateNetworks: boolean;
      readonly allowIpLiterals: boolean;
      readonly connectTimeoutMs: number;
      readonly headersTimeoutMs: number;
      readonly maxRedirects: number;
    };
  };
  abstract readonly archive: {
    /** Sources opened ahead of the one being written. */
    readonly prefetch: number;
    /** For new bundles and one-off archives that name none. */
    readonly compression: Compression;
    readonly deflateLevel: number;
    /** Concurrent archive streams, in all and per API key; more get 503. */
    readonly maxStreams: number;
    readonly maxStreamsPerKey: number;
    readonly retryAfterSeconds: number;
    /** Sources read at once while sealing a bundle's layout. */
    readonly sealConcurrency: number;
  };
  abstract readonly links: {
    /** HMAC key for download links; undefined means one made at start-up (see README). */
    readonly signingKey: Buffer | undefined;
    readonly defaultLifetimeMinutes: number;
  };
  /** The service's own files (see src/store). */
  abstract readonly store: {
    readonly backend: 'local' | 's3';
    readonly dir: string;
    readonly s3: { readonly bucket: string | undefined; readonly prefix: string };
    readonly maxFileBytes: number;
    /** Bytes stored per API key; 0 means no limit. */
    readonly quotaBytes: number;
    /** An S3 part: as small as S3 allows, and large enough that 10,000 parts hold the largest file. */
    readonly partBytes: number;
    readonly uploadExpiryMinutes: number;
    readonly maxFilesPerUpload: number;
    /** Master keys, the current one first; none means new files are stored in clear. */
    readonly encryptionKeys: readonly MasterKey[];
    readonly cache: { readonly maxBytes: number; readonly maxFileBytes: number; readonly ttlSeconds: number };
  };
  /** Spreadsheet imports (see src/manifests/import). */
  abstract readonly imports: {
    /** Where uploaded spreadsheets wait to be parsed (directory 0700, files 0600). */
    readonly dir: string;
    readonly maxBytes: number;
    readonly limits: { readonly maxSharedStringsBytes: number; readonly maxInflatedBytes: number; readonly maxInflateRatio: number };
    readonly concurrency: number;
    readonly queueMax: number;
    readonly answerWithinMs: number;
    readonly retryAfterSeconds: number;
    /** An unfinished import not touched for this long was left by a stopped instance (see ImportLeases). */
    readonly staleSeconds: number;
    /** How long an ended import's record is kept for polls (see ImportPurger). */
    readonly retentionHours: number;
  };
  abstract readonly compat: { readonly zipstream: boolean };
  abstract readonly log: { readonly level: LogLevel };
  abstract readonly metrics: { readonly enabled: boolean };
}


export { STORAGE_SCHEMES, type StorageScheme, type LogLevel } from './env-schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws a ConfigError naming every bad key. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "use the default", as it does in most shells' .env files.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const apiKeyHashes = e.API_KEYS.map((key, i) => {
    try {
      return hashApiKeySetting(key);
    } catch (err) {
      problems.push(`API_KEYS[${i}]: ${(err as Error).message}`);
      return Buffer.alloc(0);
    }
  });
  if (e.BUNDLE_LIFETIME_MINUTES > e.BUNDLE_MAX_LIFETIME_MINUTES) {
    problems.push('BUNDLE_LIFETIME_MINUTES: must not exceed BUNDLE_MAX_LIFETIME_MINUTES');
  }
  if (e.MAX_FILES_PER_REQUEST > e.MAX_FILES_PER_BUNDLE) {
    problems.push('MAX_FILES_PER_REQUEST: must not exceed MAX_FILES_PER_BUNDLE');
  }
  // The service itself may send nothing for this long: a silent source before it is retried, an import's first answer.
  for (const [name, ms] of [['STORAGE_IDLE_TIMEOUT_MS', e.STORAGE_IDLE_TIMEOUT_MS], ['IMPORT_ANSWER_WITHIN_MS', e.IMPORT_ANSWER_WITHIN_MS]] as const) {
    if (e.CLIENT_IDLE_TIMEOUT_MS <= ms) problems.push(`CLIENT_IDLE_TIMEOUT_MS: must be longer than ${name} (${ms}), or the service would cut its own slow answers`);
  }
  if (e.STORE_BACKEND === 's3' && !e.STORE_S3_BUCKET) problems.push('STORE_S3_BUCKET: must be set when STORE_BACKEND is s3');
  const encryptionKeys = parseMasterKeys(e.STORE_ENCRYPTION_KEYS, problems);
  if (e.CACHE_MAX_BYTES > 0 && e.CACHE_MAX_FILE_BYTES > e.CACHE_MAX_BYTES) problems.push('CACHE_MAX_FILE_BYTES: must not exceed CACHE_MAX_BYTES');
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimitBytes: e.MAX_BODY_BYTES,
      publicUrl: e.PUBLIC_URL,
      listenBacklog: e.LISTEN_BACKLOG ?? systemBacklog(),
      idleTimeoutMs: e.CLIENT_IDLE_TIMEOUT_MS,
      headersTimeoutMs: e.CLIENT_HEADERS_TIMEOUT_MS,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
      corsOrigins: e.CORS_ORIGINS,
    },
    dataDir: e.DATA_DIR,
    database: { url: e.DATABASE_URL, migrationsRun: e.DATABASE_MIGRATIONS_RUN, poolSize: e.DATABASE_POOL_SIZE },
    auth: { apiKeyHashes, allowAnonymousCreate: e.ALLOW_ANONYMOUS_CREATE },
    bundles: {
      lifetimeMinutes: e.BUNDLE_LIFETIME_MINUTES,
      maxLifetimeMinutes: e.BUNDLE_MAX_LIFETIME_MINUTES,
      purgeIntervalSeconds: e.PURGE_INTERVAL_SECONDS,
      maxFilesPerRequest: e.MAX_FILES_PER_REQUEST,
      maxFilesPerBundle: e.MAX_FILES_PER_BUNDLE,
    },
    storage: {
      providers: [...new Set(e.STORAGE_PROVIDERS)],
      maxAttempts: e.STORAGE_MAX_ATTEMPTS,
      retryBaseMs: e.STORAGE_RETRY_BASE_MS,
      retryMaxMs: e.STORAGE_RETRY_MAX_MS,
      idleTimeoutMs: e.STORAGE_IDLE_TIMEOUT_MS,
      concurrency: e.STORAGE_CONCURRENCY,
      readBufferBytes: e.READ_BUFFER_BYTES,
      local: { root: e.LOCAL_STORAGE_ROOT ?? join(e.DATA_DIR, 'files') },
      s3: {
        region: e.S3_REGION,
        endpoint: e.S3_ENDPOINT,
        forcePathStyle: e.S3_FORCE_PATH_STYLE,
        allowedBuckets: e.S3_ALLOWED_BUCKETS,
      },
      http: {
        allowedHosts: e.HTTP_ALLOWED_HOSTS.map((h) => h.toLowerCase()),
        allowPrivateNetworks: e.HTTP_ALLOW_PRIVATE_NETWORKS,
        allowIpLiterals: e.HTTP_ALLOW_IP_LITERALS,
        connectTimeoutMs: e.HTTP_CONNECT_TIMEOUT_MS,
        headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
        maxRedirects: e.HTTP_MAX_REDIRECTS,
      },
    },
    archive: {
      prefetch: e.ARCHIVE_PREFETCH,
      compression: e.ARCHIVE_COMPRESSION,
      deflateLevel: e.ARCHIVE_DEFLATE_LEVEL,
      maxStreams: e.ARCHIVE_MAX_STREAMS,
      maxStreamsPerKey: e.ARCHIVE_MAX_STREAMS_PER_KEY,
      retryAfterSeconds: e.ARCHIVE_RETRY_AFTER_SECONDS,
      sealConcurrency: e.ARCHIVE_SEAL_CONCURRENCY,
    },
    links: {
      signingKey: e.LINK_SIGNING_KEY === undefined ? undefined : Buffer.from(e.LINK_SIGNING_KEY, 'utf8'),
      defaultLifetimeMinutes: e.LINK_LIFETIME_MINUTES,
    },
    store: {
      backend: e.STORE_BACKEND,
      dir: e.STORE_DIR ?? join(e.DATA_DIR, 'store'),
      s3: { bucket: e.STORE_S3_BUCKET, prefix: e.STORE_S3_PREFIX },
      maxFileBytes: e.STORE_MAX_FILE_BYTES,
      quotaBytes: e.STORE_QUOTA_BYTES,
      partBytes: partSize(e.STORE_MAX_FILE_BYTES),
      uploadExpiryMinutes: e.STORE_UPLOAD_EXPIRY_MINUTES,
      maxFilesPerUpload: e.STORE_MAX_FILES_PER_UPLOAD,
      encryptionKeys,
      cache: { maxBytes: e.CACHE_MAX_BYTES, maxFileBytes: e.CACHE_MAX_FILE_BYTES, ttlSeconds: e.CACHE_TTL_SECONDS },
    },
    imports: {
      dir: join(e.DATA_DIR, 'imports'),
      maxBytes: e.IMPORT_MAX_BYTES,
      limits: { maxSharedStringsBytes: e.IMPORT_MAX_SHARED_STRINGS_BYTES, maxInflatedBytes: e.IMPORT_MAX_INFLATED_BYTES, maxInflateRatio: e.IMPORT_MAX_INFLATE_RATIO },
      concurrency: e.IMPORT_CONCURRENCY,
      queueMax: e.IMPORT_QUEUE_MAX,
      answerWithinMs: e.IMPORT_ANSWER_WITHIN_MS,
      retryAfterSeconds: e.IMPORT_RETRY_AFTER_SECONDS,
      staleSeconds: e.IMPORT_STALE_SECONDS,
      retentionHours: e.IMPORT_RETENTION_HOURS,
    },
    compat: { zipstream: e.ZIPSTREAM_COMPAT },
    log: { level: e.LOG_LEVEL },
    metrics: { enabled: e.METRICS_ENABLED },
  };
}

const MIB = 2 ** 20;

/** S3 parts are at least 5 MiB and at most 10,000 to an object; whole MiB. */
function partSize(maxFileBytes: number): number {
  return Math.max(5 * MIB, Math.ceil(maxFileBytes / 10_000 / MIB) * MIB);
}

const HASHED_KEY = /^sha256:([0-9a-f]{64})$/i;

/** A key is given in clear or as `sha256:<hex>`, so that config files need not hold secrets. */
function hashApiKeySetting(setting: string): Buffer {
  const hashed = HASHED_KEY.exec(setting);
  if (hashed) return Buffer.from(hashed[1], 'hex');
  if (setting.startsWith('sha256:')) throw new Error('a sha256: key must be 64 hex digits');
  if (setting.length < 16) throw new Error('a key must be at least 16 characters long');
  return sha256(setting);
}

/**
 * The most the kernel allows (Linux: net.core.somaxconn), so that a burst of
 * connections waits in the queue instead of retrying its SYN a second later.
 * Node's own default is 511.
 */
function systemBacklog(): number {
  try {
    const max = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
    return Number.isInteger(max) && max > 0 ? max : 511;
  } catch {
    return 511;
  }
}
