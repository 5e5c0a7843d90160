import { z } from 'zod';
import { COMPRESSIONS } from '../archive/compression.js';

export const STORAGE_SCHEMES = ['file', 's3', 'http', 'store'] as const;
export type StorageScheme = (typeof STORAGE_SCHEMES)[number];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

function isOrigin(value: string): boolean {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The environment the service reads, as zod checks it: every setting, its type, range and default (README lists them). */
export const env = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(3000),
  LISTEN_BACKLOG: int(1, 1 << 20).optional(),
  PUBLIC_URL: z.url().optional(),
  MAX_BODY_BYTES: int(1024, 1 << 30).default(16 * 1024 * 1024),
  CLIENT_IDLE_TIMEOUT_MS: int(1000, 86_400_000).default(300_000),
  CLIENT_HEADERS_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  KEEP_ALIVE_TIMEOUT_MS: int(1000, 600_000).default(5_000),
  CORS_ORIGINS: list.pipe(z.array(z.string().refine(isOrigin, 'each must be * or an origin such as https://app.example.com (scheme, host, port: no path)'))).default([]),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_MIGRATIONS_RUN: bool.default(true),
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  API_KEYS: list.default([]),
  ALLOW_ANONYMOUS_CREATE: bool.default(false),
  BUNDLE_LIFETIME_MINUTES: int(1, 10 * 525_600).default(10_080),
  BUNDLE_MAX_LIFETIME_MINUTES: int(1, 100 * 525_600).default(525_600),
  PURGE_INTERVAL_SECONDS: int(0, 86_400).default(300),
  MAX_FILES_PER_REQUEST: int(1, 10_000_000).default(10_000),
  MAX_FILES_PER_BUNDLE: int(1, 100_000_000).default(1_000_000),
  STORAGE_PROVIDERS: list
    .pipe(z.array(z.enum(STORAGE_SCHEMES, { message: `each must be one of ${STORAGE_SCHEMES.join(', ')}` })))
    .default([...STORAGE_SCHEMES]),
  STORAGE_MAX_ATTEMPTS: int(1, 100).default(5),
  STORAGE_RETRY_BASE_MS: int(0, 60_000).default(200),
  STORAGE_RETRY_MAX_MS: int(0, 600_000).default(5_000),
  STORAGE_IDLE_TIMEOUT_MS: int(100, 3_600_000).default(30_000),
  STORAGE_CONCURRENCY: int(1, 100_000).default(64),
  READ_BUFFER_BYTES: int(1 << 20, 2 ** 40).default(16 << 20),
  LOCAL_STORAGE_ROOT: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_ALLOWED_BUCKETS: list.default([]),
  HTTP_ALLOWED_HOSTS: list.default([]),
  HTTP_ALLOW_PRIVATE_NETWORKS: bool.default(false),
  HTTP_ALLOW_IP_LITERALS: bool.default(false),
  HTTP_CONNECT_TIMEOUT_MS: int(100, 600_000).default(10_000),
  HTTP_HEADERS_TIMEOUT_MS: int(100, 600_000).default(30_000),
  HTTP_MAX_REDIRECTS: int(0, 5).default(5),
  ARCHIVE_PREFETCH: int(0, 64).default(4),
  ARCHIVE_COMPRESSION: z.enum(COMPRESSIONS, { message: `must be one of ${COMPRESSIONS.join(', ')}` }).default('store'),
  ARCHIVE_DEFLATE_LEVEL: int(1, 9).default(6),
  ARCHIVE_MAX_STREAMS: int(1, 1_000_000).default(512),
  ARCHIVE_MAX_STREAMS_PER_KEY: int(1, 1_000_000).default(64),
  ARCHIVE_RETRY_AFTER_SECONDS: int(1, 3600).default(5),
  ARCHIVE_SEAL_CONCURRENCY: int(1, 64).default(4),
  LINK_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LINK_LIFETIME_MINUTES: int(1, 100 * 525_600).default(60),
  STORE_BACKEND: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
  STORE_DIR: z.string().min(1).optional(),
  STORE_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  STORE_S3_PREFIX: z.string().max(512).regex(/^([^/].*\/)?$/, 'must be empty or end with / (and not start with one)').default(''),
  STORE_MAX_FILE_BYTES: int(1, 5 * 2 ** 40).default(50 * 2 ** 30),
  STORE_QUOTA_BYTES: int(0, 2 ** 53 - 1).default(0),
  STORE_UPLOAD_EXPIRY_MINUTES: int(1, 525_600).default(1440),
  STORE_MAX_FILES_PER_UPLOAD: int(1, 10_000).default(100),
  STORE_ENCRYPTION_KEYS: list.default([]),
  CACHE_MAX_BYTES: int(0, 2 ** 40).default(64 * 2 ** 20),
  CACHE_MAX_FILE_BYTES: int(0, 2 ** 30).default(2 ** 20),
  CACHE_TTL_SECONDS: int(1, 86_400 * 30).default(600),
  IMPORT_MAX_BYTES: int(1024, 2 ** 40).default(512 * 2 ** 20),
  IMPORT_MAX_SHARED_STRINGS_BYTES: int(0, 2 ** 34).default(64 * 2 ** 20),
  IMPORT_MAX_INFLATED_BYTES: int(1024, 2 ** 40).default(2 * 2 ** 30),
  IMPORT_MAX_INFLATE_RATIO: int(2, 100_000).default(200),
  IMPORT_CONCURRENCY: int(1, 64).default(2),
  IMPORT_QUEUE_MAX: int(0, 100_000).default(64),
  IMPORT_ANSWER_WITHIN_MS: int(0, 60_000).default(1000),
  IMPORT_RETRY_AFTER_SECONDS: int(1, 3600).default(5),
  IMPORT_STALE_SECONDS: int(3, 86_400).default(60),
  IMPORT_RETENTION_HOURS: int(1, 87_600).default(168),
  ZIPSTREAM_COMPAT: bool.default(false),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS_ENABLED: bool.default(true),
});
