import { DomainError } from '../problems/domain-error.js';

/**
 * The SHA-256 in a `Content-Digest` header (RFC 9530: `sha-256=:<base64>:`,
 * possibly among other algorithms). Undefined without one; a malformed one is
 * refused rather than ignored, since the client asked for a check.
 */
export function contentDigestSha256(header: string | undefined): Buffer | undefined {
  if (header === undefined) return undefined;
  const member = header.split(',').map((m) => m.trim()).find((m) => /^sha-256\s*=/i.test(m));
  if (member === undefined) return undefined;
  const value = /^sha-256\s*=\s*:([A-Za-z0-9+/]+={0,2}):$/i.exec(member)?.[1];
  const digest = value === undefined ? undefined : Buffer.from(value, 'base64');
  if (digest?.length !== 32) throw new DomainError('VALIDATION_FAILED', 'Content-Digest: sha-256 must be 32 bytes in base64 between colons (RFC 9530)');
  return digest;
}
