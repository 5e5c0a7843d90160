import { describe, expect, it } from '@jest/globals';
import { EntryNamer, normalizeEntryName } from './entry-name.js';

describe('normalizeEntryName', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['/abs/path.txt', 'abs/path.txt'],
    ['dir\\sub\\file.txt', 'dir/sub/file.txt'],
    ['dir/../../up.txt', 'dir/up.txt'],
    ['a\\..\\..\\b.txt', 'a/b.txt'],
    ['./x//y/./z', 'x/y/z'],
    ['C:\\Windows\\win.ini', 'Windows/win.ini'],
    ['nul\u0000byte\u0007.txt', 'nulbyte.txt'],
    ['trailing. /name. ', 'trailing/name'],
    ['cafe\u0301.txt', 'café.txt'],
    ['..', undefined],
    ['/', undefined],
    ['', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeEntryName(raw)).toBe(expected);
  });

  it('outputs NFC, so NFC and NFD inputs agree', () => {
    expect(normalizeEntryName('caf\u00e9.txt')).toBe(normalizeEntryName('cafe\u0301.txt'));
  });

  it('caps segment and path lengths in bytes, at code point boundaries, keeping the extension', () => {
    const long = normalizeEntryName(`${'é'.repeat(300)}.pdf`)!;
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long).not.toContain('\ufffd');
    const deep = normalizeEntryName(`${'d'.repeat(200)}/`.repeat(10) + 'file.txt')!;
    expect(Buffer.byteLength(deep)).toBeLessThanOrEqual(1024);
    expect(deep.endsWith('/file.txt')).toBe(true);
  });
});

describe('EntryNamer', () => {
  it('renames duplicates deterministically, case-insensitively and across NFC/NFD', () => {
    const namer = new EntryNamer();
    expect(['a.txt', 'A.TXT', 'a.txt', 'dir/a.txt', 'café.txt', 'cafe\u0301.txt'.normalize('NFC'), '.env', '.env'].map((n) => namer.claim(n))).toEqual([
      'a.txt', 'A (1).TXT', 'a (2).txt', 'dir/a.txt', 'café.txt', 'café (1).txt', '.env', '.env (1)',
    ]);
  });

  it('never lets a file and a directory share a name', () => {
    const namer = new EntryNamer();
    expect(namer.claim('report')).toBe('report');
    expect(namer.claim('report/page1.txt')).toBe('report (1)/page1.txt');
    expect(namer.claim('docs/x.txt')).toBe('docs/x.txt');
    expect(namer.claim('docs')).toBe('docs (1)');
  });

  it('does not rename a name that a renamed one could collide with later', () => {
    const namer = new EntryNamer();
    expect(namer.claim('a.txt')).toBe('a.txt');
    expect(namer.claim('a (1).txt')).toBe('a (1).txt');
    expect(namer.claim('a.txt')).toBe('a (2).txt');
  });
});
