import { describe, expect, it } from '@jest/globals';
import { coverSheetFiles } from './cover-sheet.js';

describe('cover sheet', () => {
  const presigned = 'https://bucket.example.com/q3.pdf?X-Amz-Credential=AKIAEXAMPLE%2F20261128&X-Amz-Signature=deadbeef';
  const files = coverSheetFiles({
    title: 'b.zip',
    asOf: new Date('2026-11-28T00:00:00Z'),
    outcomes: [
      { status: 'included', name: 'q3.pdf', src: presigned, size: 3, crc32: 1 },
      { status: 'included', name: 'k', src: 's3://bucket/key?not-a-query', size: 1, crc32: 2 },
      { status: 'skipped', name: 'gone.pdf', src: `${presigned}&gone=1`, reason: `${presigned}&gone=1 answered 404` },
    ],
  });

  it('never shows the query string of an HTTP source (a presigned URL carries its credentials there)', () => {
    for (const { data } of files) {
      const text = data.toString('utf8');
      expect(text).not.toMatch(/AKIAEXAMPLE|deadbeef|X-Amz/);
      expect(text).toContain('https://bucket.example.com/q3.pdf?[redacted]');
      expect(text).toContain('s3://bucket/key?not-a-query');
    }
  });
});
