import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidSourceError, parseSourceUri } from './source-uri.js';

describe('parseSourceUri', () => {
  it('parses the three schemes', () => {
    expect(parseSourceUri('s3://my-bucket/path/to/my file%.jpg')).toEqual({ scheme: 's3', bucket: 'my-bucket', key: 'path/to/my file%.jpg' });
    const http = parseSourceUri('https://example.com/a/b.txt?x=1#frag');
    expect(http.scheme === 'http' && http.url.href).toBe('https://example.com/a/b.txt?x=1');
    expect(parseSourceUri('file:///docs/r%C3%A9sum%C3%A9.pdf')).toEqual({ scheme: 'file', path: 'docs/résumé.pdf' });
  });

  it('refuses a file path that asks to go up, written or percent-encoded', () => {
    for (const src of ['file:///a/../../../etc/passwd', 'file:///%2e%2e/%2e%2e/x', 'file:///..%2f..%2f..%2fetc%2fshadow', 'file:///a%2F..%2F..%2Fb', 'file:///a/..%5c..%5cb', 'file:///..']) {
      expect(() => parseSourceUri(src)).toThrow(/"\.\." segment/);
    }
    expect(parseSourceUri('file:///a/./b/..c/c..')).toEqual({ scheme: 'file', path: 'a/b/..c/c..' });
  });

  it.each([
    ['', /empty/],
    ['ftp://host/x', /not supported/],
    ['relative/path', /scheme/],
    ['s3://bucket', /s3:\/\/bucket\/key/],
    ['s3://Bad_Bucket/k', /not a valid bucket/],
    ['https://', /not a valid URL/],
    ['https://u:p@example.com/x', /credentials/],
    ['file://otherhost/x', /host/],
    ['file:///dir/', /name a file/],
    ['file:///a%00b', /control/],
    ['https://example.com/\u0001', /control/],
  ])('refuses %j', (src, reason) => {
    expect(() => parseSourceUri(src)).toThrow(InvalidSourceError);
    expect(() => parseSourceUri(src)).toThrow(reason);
  });
});

describe('parseSourceUri, fuzzed', () => {
  const pieceArb = fc.oneof(
    fc.constantFrom('file:///', 'file://localhost/', 'file://evil/', 's3://', 'https://', 'http://', '..', '.', '/', '%2e', '%2E%2e', '%2f', '%5c', '\\', '%00', '\u0000', '\u202e', '@', ':', '?', '#', 'a', 'b.txt'),
    fc.string({ maxLength: 10 }),
  );
  const uriArb = fc.array(pieceArb, { minLength: 1, maxLength: 10 }).map((p) => p.join(''));

  it('either parses or refuses with a reason, and a file path it accepts stays under the root (property)', () => {
    fc.assert(
      fc.property(uriArb, (src) => {
        let uri;
        try {
          uri = parseSourceUri(src);
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidSourceError);
          return;
        }
        if (uri.scheme !== 'file') return;
        expect(uri.path.startsWith('/')).toBe(false);
        expect(uri.path.split('/')).not.toContain('..');
        expect(uri.path).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
      { numRuns: 3000 },
    );
  });
});
