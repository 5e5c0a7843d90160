import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decideRange } from './byte-range.js';

const rep = { size: 1000, etag: '"v1"', lastModified: new Date('2026-11-24T10:00:00.500Z') };

describe('decideRange', () => {
  it('answers whole bodies without a Range header, and for headers it must ignore', () => {
    expect(decideRange(undefined, undefined, rep)).toEqual({ kind: 'full' });
    for (const header of ['bytes=0-1,5-9', 'items=0-1', 'bytes=-', 'bytes=9-3', 'nonsense']) expect(decideRange(header, undefined, rep)).toEqual({ kind: 'full' });
  });

  it('reads first-last, open-ended and suffix ranges, clamped to the size', () => {
    expect(decideRange('bytes=0-99', undefined, rep)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(decideRange('bytes=900-', undefined, rep)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(decideRange('bytes=900-5000', undefined, rep)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(decideRange('bytes=-100', undefined, rep)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(decideRange('bytes=-5000', undefined, rep)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('finds a range starting at or past the end unsatisfiable', () => {
    expect(decideRange('bytes=1000-', undefined, rep)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', undefined, rep)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-', undefined, { size: 0 })).toEqual({ kind: 'unsatisfiable' });
  });

  it('honours If-Range only for the same strong ETag or the exact modification date', () => {
    expect(decideRange('bytes=10-', '"v1"', rep)).toEqual({ kind: 'partial', start: 10, end: 999 });
    expect(decideRange('bytes=10-', '"v0"', rep)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=10-', 'W/"v1"', rep)).toEqual({ kind: 'full' });
    expect(decideRange('bytes=10-', '"v1"', { ...rep, etag: 'W/"v1"' })).toEqual({ kind: 'full' });
    expect(decideRange('bytes=10-', 'Tue, 24 Nov 2026 10:00:00 GMT', rep)).toEqual({ kind: 'partial', start: 10, end: 999 });
    expect(decideRange('bytes=10-', 'Tue, 24 Nov 2026 09:59:59 GMT', rep)).toEqual({ kind: 'full' });
  });
});

describe('decideRange, fuzzed', () => {
  const digits = fc.stringMatching(/^\d{0,22}$/);
  const headerArb = fc.oneof(
    fc.tuple(digits, digits).map(([a, b]) => `bytes=${a}-${b}`),
    fc.tuple(digits, digits, fc.constantFrom(' ', ',', ';', '=', 'bytes=')).map(([a, b, junk]) => `bytes=${a}${junk}-${b}`),
    fc.string({ maxLength: 40 }),
  );
  const ifRangeArb = fc.option(fc.oneof(fc.constant('"v1"'), fc.constant('W/"v1"'), fc.string({ maxLength: 30 }), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())), { nil: undefined });

  it('never throws, and any range it grants lies inside the representation; a plain a-b is read exactly (property)', () => {
    fc.assert(
      fc.property(headerArb, ifRangeArb, fc.integer({ min: 0, max: 2 ** 45 }), (header, ifRange, size) => {
        const decision = decideRange(header, ifRange, { ...rep, size });
        if (decision.kind === 'partial') {
          expect(Number.isSafeInteger(decision.start) && Number.isSafeInteger(decision.end)).toBe(true);
          expect(0 <= decision.start && decision.start <= decision.end && decision.end < size).toBe(true);
        }
        const plain = /^bytes=(\d+)-(\d+)$/.exec(header);
        if (plain && ifRange === undefined && Number(plain[1]) <= Number(plain[2])) {
          const [a, b] = [Number(plain[1]), Number(plain[2])];
          expect(decision).toEqual(a >= size ? { kind: 'unsatisfiable' } : { kind: 'partial', start: a, end: Math.min(b, size - 1) });
        }
        // An If-Range that is neither the current ETag nor a date can never let a range through.
        if (ifRange !== undefined && ifRange !== '"v1"' && Number.isNaN(Date.parse(ifRange))) expect(decision.kind).not.toBe('partial');
      }),
      { numRuns: 3000 },
    );
  });
});
