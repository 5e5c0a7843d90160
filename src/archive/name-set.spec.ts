import { describe, expect, it } from '@jest/globals';
import { hash64, NameSet } from './name-set.js';

describe('NameSet', () => {
  it('holds what was added, through many growths, and nothing else', () => {
    const set = new NameSet();
    for (let i = 0; i < 50_000; i++) set.add(`dir/${i}.txt`);
    set.add('dir/7.txt');
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 50_000; i++) expect(set.has(`dir/${i}.txt`)).toBe(true);
    for (let i = 50_000; i < 100_000; i++) expect(set.has(`dir/${i}.txt`)).toBe(false);
  });

  it('hashes a million close names without a collision', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) seen.add(hash64(`reports/file-${i}.pdf`).join(':'));
    expect(seen.size).toBe(1_000_000);
  });

  it('tells apart names that differ in one code unit, or only in length', () => {
    const set = new NameSet();
    set.add('a');
    expect(set.has('b')).toBe(false);
    expect(set.has('a\0')).toBe(false);
    expect(set.has('')).toBe(false);
    set.add('');
    expect(set.has('')).toBe(true);
  });
});
