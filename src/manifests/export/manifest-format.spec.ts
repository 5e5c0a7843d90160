import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../problems/domain-error.js';
import { chooseFormat, MEDIA_TYPES } from './manifest-format.js';

describe('chooseFormat', () => {
  it.each([
    [undefined, undefined, 'csv'],
    ['xlsx', 'text/csv', 'xlsx'],
    [undefined, '*/*', 'csv'],
    [undefined, MEDIA_TYPES.xlsx, 'xlsx'],
    [undefined, `text/csv;q=0.5, ${MEDIA_TYPES.xlsx}`, 'xlsx'],
    [undefined, `text/csv, ${MEDIA_TYPES.xlsx};q=0.9`, 'csv'],
    [undefined, `${MEDIA_TYPES.xlsx};q=0, text/*;q=0.1`, 'csv'],
    [undefined, 'application/json, */*;q=0.1', 'csv'],
  ] as const)('format=%s, Accept: %s → %s', (format, accept, expected) => {
    expect(chooseFormat(format, accept)).toBe(expected);
  });

  it('answers 406 when Accept names neither', () => {
    expect(() => chooseFormat(undefined, 'application/json')).toThrow(DomainError);
    expect(() => chooseFormat(undefined, `text/csv;q=0, ${MEDIA_TYPES.xlsx};q=0`)).toThrow(expect.objectContaining({ code: 'NOT_ACCEPTABLE' }));
  });
});
