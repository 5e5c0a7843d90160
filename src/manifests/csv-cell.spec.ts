import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvText, unneutralised } from './csv-cell.js';

describe('csv cells', () => {
  it.each([
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+1', `"'+1"`],
    ['-x', `"'-x"`],
    ['@cmd', `"'@cmd"`],
    ["'=already", `"''=already"`],
    ['say "hi"', '"say ""hi"""'],
    ['plain/path.txt', '"plain/path.txt"'],
  ])('writes %j as %s', (value, field) => {
    expect(csvText(value)).toBe(field);
  });

  it('reads back every value exactly, through a real CSV parser (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('=1', "'=1", "''+x", '\t-', '\r@', 'a,b', 'a\r\nb', '"')), { minLength: 1, maxLength: 5 }), (values) => {
        const [record] = parse(`${values.map(csvText).join(',')}\r\n`) as string[][];
        expect(record.map(unneutralised)).toEqual(values);
      }),
      { numRuns: 500 },
    );
  });
});
