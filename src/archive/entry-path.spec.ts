import { describe, expect, it } from '@jest/globals';
import { entryPathProblem } from './entry-path.js';

describe('entryPathProblem', () => {
  it.each(['a.txt', 'dir/sub/file.bin', 'café.txt', 'dots..in..name', './x', 'a\\b.txt'])('accepts %j', (dst) => {
    expect(entryPathProblem(dst)).toBeUndefined();
  });

  it.each([
    ['', /empty/],
    ['/abs', /relative/],
    ['\\abs', /relative/],
    ['C:\\x', /relative/],
    ['c:x', /relative/],
    ['..', /\.\./],
    ['dir/../../up.txt', /\.\./],
    ['a\\..\\..\\b.txt', /\.\./],
    ['nul\u0000', /control/],
    ['tab\there', /control/],
    ['x'.repeat(1025), /1024 bytes/],
  ])('refuses %j', (dst, reason) => {
    expect(entryPathProblem(dst)).toMatch(reason);
  });
});
