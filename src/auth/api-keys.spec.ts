import { describe, expect, it } from '@jest/globals';
import { sha256 } from '../common/digest.js';
import { ApiKeys } from './api-keys.js';

describe('ApiKeys', () => {
  const keys = new ApiKeys([sha256('first-key-aaaaaaaaaa'), sha256('second-key-bbbbbbbbb')], undefined);

  it('identifies a key by a digest prefix, never by the key', () => {
    const principal = keys.verify('second-key-bbbbbbbbb');
    expect(principal).toEqual({ keyId: sha256('second-key-bbbbbbbbb').subarray(0, 6).toString('hex') });
    expect(keys.verify('first-key-aaaaaaaaaa')?.keyId).not.toBe(principal?.keyId);
  });

  it('refuses unknown keys and near misses', () => {
    expect(keys.verify('first-key-aaaaaaaaab')).toBeUndefined();
    expect(keys.verify('')).toBeUndefined();
  });
});
