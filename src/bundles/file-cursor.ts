import { DomainError } from '../problems/domain-error.js';

const MAX_POSITION = 2 ** 31 - 1;

// Opaque to clients so that the paging scheme can change without breaking them.
export function encodeFileCursor(nextIndex: number): string {
  return Buffer.from(`i:${nextIndex}`).toString('base64url');
}

export function decodeFileCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^i:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // Positions are 32-bit integers in the database: anything larger was never issued.
  if (!match || Number(match[1]) > MAX_POSITION) throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued');
  return Number(match[1]);
}
