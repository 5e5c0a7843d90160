import { DomainError } from '../../problems/domain-error.js';

export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,creation-with-upload,expiration,termination,checksum';
export const CHECKSUM_ALGORITHMS = ['sha256', 'sha1', 'md5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** `Upload-Metadata`: comma-separated `key base64value` pairs (the value may be absent). */
export function parseMetadata(header: string | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  if (!header) return pairs;
  if (header.length > 4096) throw new DomainError('VALIDATION_FAILED', 'Upload-Metadata is longer than 4096 characters');
  for (const item of header.split(',')) {
    const [key, value, extra] = item.trim().split(' ');
    if (!key || extra !== undefined || !/^[\x21-\x7e]+$/.test(key) || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) {
      throw new DomainError('VALIDATION_FAILED', 'Upload-Metadata must be comma-separated "key base64value" pairs');
    }
    pairs.set(key, value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8'));
  }
  return pairs;
}

/** A non-negative integer header (Upload-Length, Upload-Offset). */
export function byteCount(header: string | undefined, name: string): number {
  if (header === undefined || !/^\d{1,16}$/.test(header)) throw new DomainError('VALIDATION_FAILED', `${name} must be a non-negative integer`);
  return Number(header);
}

/** `Upload-Checksum: <algorithm> <base64>`. */
export function parseChecksum(header: string | undefined): { algorithm: ChecksumAlgorithm; digest: Buffer } | undefined {
  if (header === undefined) return undefined;
  const [algorithm, value] = header.trim().split(/\s+/);
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm ?? '')) {
    throw new DomainError('VALIDATION_FAILED', `Upload-Checksum: the algorithm must be one of ${CHECKSUM_ALGORITHMS.join(', ')}`);
  }
  if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new DomainError('VALIDATION_FAILED', 'Upload-Checksum: the checksum must be base64');
  return { algorithm: algorithm as ChecksumAlgorithm, digest: Buffer.from(value, 'base64') };
}
