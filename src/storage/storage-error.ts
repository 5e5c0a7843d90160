import { DomainError } from '../problems/domain-error.js';

export type StorageErrorCode = 'SOURCE_NOT_FOUND' | 'SOURCE_FORBIDDEN' | 'SOURCE_UNAVAILABLE' | 'SOURCE_CHANGED' | 'SOURCE_SIZE_MISMATCH';

/** A source could not be read. `transient` failures are worth another attempt. */
export class StorageError extends DomainError {
  constructor(
    code: StorageErrorCode,
    detail: string,
    readonly transient = false,
    cause?: unknown,
  ) {
    super(code, detail, { cause });
    this.name = 'StorageError';
  }
}

const TRANSIENT_NET_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
  'ERR_STREAM_PREMATURE_CLOSE', 'IDLE_TIMEOUT',
]);

/** Network-level failures (resets, timeouts) are transient whatever the provider. */
export function isTransient(err: unknown): boolean {
  if (err instanceof StorageError) return err.transient;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_NET_CODES.has(code);
}

/** Status-based classification shared by the HTTP and S3 providers. */
export function errorForStatus(status: number, what: string): StorageError {
  if (status === 404 || status === 410) return new StorageError('SOURCE_NOT_FOUND', `${what} does not exist (HTTP ${status})`);
  if (status === 401 || status === 403) return new StorageError('SOURCE_FORBIDDEN', `${what} may not be read (HTTP ${status})`);
  if (status === 412) return new StorageError('SOURCE_CHANGED', `${what} changed since it was first read`);
  if (status === 416) return new StorageError('SOURCE_SIZE_MISMATCH', `${what} is shorter than expected (HTTP 416)`);
  const transient = status === 408 || status === 429 || status >= 500;
  return new StorageError('SOURCE_UNAVAILABLE', `${what} answered HTTP ${status}`, transient);
}
