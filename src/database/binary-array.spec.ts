import { describe, expect, it } from '@jest/globals';
import { int4Array, textArray } from './binary-array.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('binary arrays (array_recv)', () => {
  it('writes int4 elements: one dimension, no nulls, element type 23, each value as 4 bytes after its length', () => {
    expect(hex(int4Array([7, 2 ** 31 - 1]))).toBe(
      ['00000001', '00000000', '00000017', '00000002', '00000001', '00000004', '00000007', '00000004', '7fffffff'].join(''),
    );
  });

  it('writes text elements as UTF-8 with their byte length, null as length -1 with the has-null flag set', () => {
    expect(hex(textArray(['é', null, '']))).toBe(['00000001', '00000001', '00000019', '00000003', '00000001', '00000002', 'c3a9', 'ffffffff', '00000000'].join(''));
  });

  it('gives each array a memory of its own, so that it can be transferred to another thread', () => {
    const a = textArray(['x']);
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(a.byteLength);
  });
});
