import type { Request } from 'express';
import { DomainError } from '../problems/domain-error.js';

/** The API key a stored file belongs to: files are never anonymous, even where bundles may be. */
export function ownerOf(req: Request): string {
  const owner = req.principal?.keyId;
  if (!owner) throw new DomainError('UNAUTHORIZED', 'Stored files belong to an API key: send one as "Authorization: Bearer <key>"', { headers: { 'WWW-Authenticate': 'Bearer realm="bundlestream"' } });
  return owner;
}
