import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../config/app-config.js';
import { int4Array, textArray } from '../../../database/binary-array.js';
import { BatchChecker } from './checked-batch.js';

const storage = loadConfig({ S3_ALLOWED_BUCKETS: 'ok-bucket' }).storage;
const STORED = 'store://3f0e8a56-8d4e-4f7a-9a51-6d1c2b7e9f10';

describe('BatchChecker', () => {
  it('hands out valid references as binary arrays, stored files apart, each at its place among the rows', () => {
    const checker = new BatchChecker(storage, 100);
    checker.add({ row: 2, src: 's3://ok-bucket/a "b".bin', dst: 'x\\y.bin' });
    checker.add({ row: 3, src: STORED, dst: undefined });
    checker.add({ row: 5, src: 's3://ok-bucket/c', dst: undefined });
    expect(checker.size).toBe(3);
    expect(checker.take()).toEqual({
      rows: 3,
      errors: [],
      plain: { ords: int4Array([0, 2]), srcs: textArray(['s3://ok-bucket/a "b".bin', 's3://ok-bucket/c']), dsts: textArray(['x\\y.bin', null]) },
      stored: [{ row: 3, src: STORED, dst: undefined, ord: 1 }],
    });
    checker.add({ row: 6, src: 's3://ok-bucket/d', dst: undefined });
    expect(checker.take()).toMatchObject({ rows: 1, plain: { ords: int4Array([3]) } });
  });

  it('locates what the JSON API would refuse by row and column, and stages nothing once a row is invalid', () => {
    const checker = new BatchChecker(storage, 100);
    checker.add({ row: 2, src: 's3://other-bucket/a', dst: undefined });
    checker.add({ row: 3, src: undefined, dst: 'a' });
    checker.add({ row: 4, src: 's3://ok-bucket/b', dst: '../up.txt' });
    checker.add({ row: 5, src: 'https://example.com/f?[redacted]', dst: undefined });
    checker.add({ row: 6, src: 's3://ok-bucket/fine', dst: undefined });
    const batch = checker.take();
    expect(batch.errors).toEqual([
      { row: 2, column: 'src', reason: "bucket 'other-bucket' is not in S3_ALLOWED_BUCKETS" },
      { row: 3, column: 'src', reason: 'src is empty' },
      { row: 4, column: 'dst', reason: 'must not contain ".." segments' },
      { row: 5, column: 'src', reason: expect.stringContaining('redacted') },
    ]);
    expect(batch.plain).toBeNull();
    checker.add({ row: 7, src: 's3://ok-bucket/later', dst: undefined });
    expect(checker.take().plain).toBeNull();
  });

  it('carries at most the given number of errors a batch', () => {
    const checker = new BatchChecker(storage, 3);
    for (let row = 2; row < 12; row++) checker.add({ row, src: undefined, dst: undefined });
    expect(checker.take().errors.map((e) => e.row)).toEqual([2, 3, 4]);
  });
});
