import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TextChunks } from './text-chunks.js';

function chunked(texts: readonly string[], size: number): Buffer[] {
  const out = new TextChunks(size);
  const chunks: Buffer[] = [];
  for (const text of texts) {
    const full = out.put(text);
    if (full) chunks.push(full);
  }
  chunks.push(out.rest());
  return chunks;
}

describe('TextChunks', () => {
  it('gives back every text, in order, as UTF-8, in chunks no larger than the size unless one text is', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 200 }), fc.integer({ min: 8, max: 64 }), (texts, size) => {
        const chunks = chunked(texts, size);
        expect(Buffer.concat(chunks).toString('utf8')).toBe(texts.join(''));
        for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThan(0);
        const largest = Math.max(size, ...texts.map((t) => Buffer.byteLength(t)));
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(largest);
      }),
    );
  });

  it('never splits a text across chunks (a multi-byte character stays whole)', () => {
    const chunks = chunked(['ab', 'é€', '😀cd'], 8);
    expect(chunks.map((c) => c.toString('utf8'))).toEqual(['abé€', '😀cd']);
  });

  it('hands a text larger than a chunk out alone', () => {
    const chunks = chunked(['x', 'y'.repeat(20), 'z'], 8);
    expect(chunks.map((c) => c.toString('utf8'))).toEqual(['x', 'y'.repeat(20), 'z']);
  });
});
