import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../problems/domain-error.js';
import { decodeFileCursor, encodeFileCursor } from './file-cursor.js';

describe('file cursor', () => {
  it('round-trips and starts at 0', () => {
    expect(decodeFileCursor(encodeFileCursor(12345))).toBe(12345);
    expect(decodeFileCursor(undefined)).toBe(0);
  });

  it.each(['', 'garbage', Buffer.from('i:-1').toString('base64url'), Buffer.from('i:1e3').toString('base64url')])('refuses %j', (c) => {
    expect(() => decodeFileCursor(c)).toThrow(DomainError);
  });
});
