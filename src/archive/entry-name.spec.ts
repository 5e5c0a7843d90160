import { describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { applyNameRules, EntryNamer, normalizeEntryName } from './entry-name.js';
import { NameSet } from './name-set.js';

const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
const segmentsOk = (name: string) =>
  name.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && Buffer.byteLength(s) <= 255) && !name.includes('\\') && !INVISIBLE.test(name);

// Names as hostile input writes them: separators, dots, controls, bidi overrides, long runs, any Unicode.
const pieceArb = fc.oneof(
  fc.constantFrom('/', '\\', '.', '..', ' ', 'C:', '\u202e', '\u0085', '\u200b', '\ufeff', '\u0000', 'e\u0301', 'É', 'a.txt', '(1)'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 1, max: 400 }).map((n) => 'ж'.repeat(n)),
);
const rawNameArb = fc.array(pieceArb, { maxLength: 12 }).map((parts) => parts.join(''));
// Names as a bulk import writes them: ASCII paths that collide by case, by directory and by sheer repetition.
const asciiNameArb = fc
  .array(fc.constantFrom('a', 'A', 'b', 'x.txt', 'X.TXT', 'dir', 'DIR', '-', '_', '.', '..', ' ', '(1)', '1'), { minLength: 1, maxLength: 4 })
  .chain((words) => fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((segs) => segs.join('/')));

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

  it.each([
    ['evil\u202etxt.exe', 'eviltxt.exe'],
    ['a\u0085b\u009f.txt', 'ab.txt'],
    ['zero\u200bwidth\ufeff.txt', 'zerowidth.txt'],
  ])('drops C1 controls and format characters: %j → %j', (raw, expected) => {
    expect(normalizeEntryName(raw)).toBe(expected);
  });

  it('never escapes, and never leaves an empty, dot, over-long or invisible segment (property)', () => {
    fc.assert(
      fc.property(rawNameArb, (raw) => {
        const name = normalizeEntryName(raw);
        if (name === undefined) return;
        expect(segmentsOk(name)).toBe(true);
        expect(name.startsWith('/')).toBe(false);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(1024);
        expect(name).toBe(name.normalize('NFC'));
      }),
      { numRuns: 600 },
    );
  });

  it('outputs NFC, so NFC and NFD inputs agree', () => {
    expect(normalizeEntryName('caf\u00e9.txt')).toBe(normalizeEntryName('cafe\u0301.txt'));
  });

  it('takes its shortcut for plain names only where the full rules give the same name (property)', () => {
    const segment = fc.oneof(fc.stringMatching(/^[\w-]{1,20}(\.[\w-]{1,8})?$/), fc.stringMatching(/^[\w-]{240,270}$/));
    const plain = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.oneof(plain, rawNameArb), (raw) => {
        expect(normalizeEntryName(raw)).toBe(applyNameRules(raw));
      }),
      { numRuns: 2000 },
    );
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

  it('keeps a renamed duplicate within 255 bytes a segment', () => {
    const namer = new EntryNamer();
    const long = `${'я'.repeat(125)}.txt`; // 254 bytes
    expect(namer.claim(long)).toBe(long);
    const renamed = namer.claim(long);
    expect(Buffer.byteLength(renamed)).toBeLessThanOrEqual(255);
    expect(renamed.endsWith(' (1).txt')).toBe(true);
  });

  it('keeps a renamed duplicate within 255 bytes when its "extension" is most of the name', () => {
    // Found by the property below (seed 114360143): the dot is at 1, so the extension took the whole budget.
    const namer = new EntryNamer();
    const name = `..${'ж'.repeat(126)}`; // 254 bytes
    const first = namer.claim(normalizeEntryName(name)!);
    const second = namer.claim(normalizeEntryName(name)!);
    expect(second).not.toBe(first);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(255);
    expect(second.endsWith(' (1)')).toBe(true);
  });

  it('gives every entry a name unique after case folding and NFC, no file named as a directory, every segment within 255 bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(rawNameArb, { maxLength: 30 }), (raws) => {
        const namer = new EntryNamer();
        const names = raws.map((raw, i) => namer.claim(normalizeEntryName(raw) ?? `file-${i + 1}`));
        const keys = names.map((n) => n.normalize('NFC').toLowerCase());
        expect(new Set(keys).size).toBe(keys.length);
        const dirs = new Set(keys.flatMap((k) => k.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
        for (const k of keys) expect(dirs.has(k)).toBe(false);
        for (const n of names) expect(segmentsOk(n)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('names ASCII paths exactly as its general rules do (property: the shortcut for names that collide with nothing)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(asciiNameArb, rawNameArb), { maxLength: 40 }), (raws) => {
        const fast = new EntryNamer();
        const general = new EntryNamer();
        for (const raw of raws) {
          const name = normalizeEntryName(raw) ?? 'file';
          expect(fast.claim(name)).toBe(general['claimAny'](name));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names n files of one name with work linear in n, not quadratic', () => {
    const has = jest.spyOn(NameSet.prototype, 'has');
    try {
      const namer = new EntryNamer();
      const names = Array.from({ length: 2000 }, () => namer.claim('download'));
      expect(names.slice(0, 3)).toEqual(['download', 'download (1)', 'download (2)']);
      expect(new Set(names).size).toBe(2000);
      // Each claim checks its own name and its first free form, as a file and as a directory: a few lookups, not one per earlier copy.
      expect(has.mock.calls.length).toBeLessThan(2000 * 8);
    } finally {
      has.mockRestore();
    }
  });

  it('does not rename a name that a renamed one could collide with later', () => {
    const namer = new EntryNamer();
    expect(namer.claim('a.txt')).toBe('a.txt');
    expect(namer.claim('a (1).txt')).toBe('a (1).txt');
    expect(namer.claim('a.txt')).toBe('a (2).txt');
  });
});
