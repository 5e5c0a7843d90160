import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from './content-disposition.js';

const asciiName = (header: string) => /filename="([^"]*)"/.exec(header)?.[1];

describe('contentDisposition', () => {
  it('spells the ASCII fallback in Latin letters instead of dropping letters', () => {
    expect(asciiName(contentDisposition('Größe.zip'))).toBe('Groesse.zip');
    expect(asciiName(contentDisposition('Café résumé.zip'))).toBe('Cafe resume.zip');
    expect(asciiName(contentDisposition('Łódź.zip'))).toBe('Lodz.zip');
  });

  it('keeps the exact name in filename*, and falls back to a plain name when nothing Latin is left', () => {
    expect(contentDisposition('日本語.zip')).toBe(`attachment; filename="download.zip"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.zip`);
    expect(asciiName(contentDisposition('日本語'))).toBe('download.zip');
  });

  it('never lets quotes, backslashes or percent signs into the quoted string', () => {
    expect(asciiName(contentDisposition('a"b\\c%d.zip'))).toBe('a_b_c_d.zip');
  });
});
