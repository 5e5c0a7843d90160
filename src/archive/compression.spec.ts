import { describe, expect, it } from '@jest/globals';
import { shouldDeflate } from './compression.js';

describe('shouldDeflate', () => {
  it('never deflates in store mode and always in deflate mode', () => {
    expect(shouldDeflate('store', 'notes.txt')).toBe(false);
    expect(shouldDeflate('deflate', 'photo.JPG')).toBe(true);
  });

  it('in auto mode, stores formats that are compressed already and deflates the rest', () => {
    expect(['a/photo.JPG', 'clip.mp4', 'x.tar.gz', 'report.pdf', 'sheet.xlsx', 'b.7z'].map((n) => shouldDeflate('auto', n))).toEqual([false, false, false, false, false, false]);
    expect(['notes.txt', 'data.csv', 'dump.json', 'image.bmp', 'noextension', 'archive.tar'].map((n) => shouldDeflate('auto', n))).toEqual([true, true, true, true, true, true]);
  });
});
