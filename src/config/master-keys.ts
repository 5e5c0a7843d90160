import type { MasterKey } from '../store/encryption/key-wrapper.js';

const KID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * STORE_ENCRYPTION_KEYS: `kid:base64` entries, comma-separated, each a 256-bit
 * key; the first wraps new files, the others only open older ones. Problems
 * name the entry by position, never by its key material.
 */
export function parseMasterKeys(entries: readonly string[], problems: string[]): MasterKey[] {
  const keys: MasterKey[] = [];
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const kid = at < 0 ? '' : entry.slice(0, at);
    const key = Buffer.from(at < 0 ? '' : entry.slice(at + 1), 'base64');
    if (!KID.test(kid)) problems.push(`STORE_ENCRYPTION_KEYS[${i}]: must be kid:base64, the kid of letters, digits, '.', '_' or '-' (at most 64)`);
    else if (key.length !== 32) problems.push(`STORE_ENCRYPTION_KEYS[${i}] (${kid}): the key must be 32 bytes in base64 (openssl rand -base64 32), not ${key.length}`);
    else if (keys.some((k) => k.kid === kid)) problems.push(`STORE_ENCRYPTION_KEYS[${i}]: the kid ${kid} appears twice`);
    else keys.push({ kid, key });
  });
  return keys;
}
