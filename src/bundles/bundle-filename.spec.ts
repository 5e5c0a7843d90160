import { describe, expect, it } from '@jest/globals';
import { sanitizeZipFilename } from './bundle-filename.js';

const ID = '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55';

describe('sanitizeZipFilename', () => {
  it.each([
    [undefined, `bundle-${ID}.zip`],
    ['reports', 'reports.zip'],
    ['reports.ZIP', 'reports.ZIP'],
    ['../../etc/passwd', 'etc_passwd.zip'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j.zip'],
    ['  spaced\tout  ', 'spaced out.zip'],
    ['.hidden', 'hidden.zip'],
    ['résumé', 'résumé.zip'],
    ['...', `bundle-${ID}.zip`],
    ['trailing dots...', 'trailing dots.zip'],
    ['invoice\u202egpj.zip', 'invoice_gpj.zip'],
    ['next\u0085line', 'next_line.zip'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeZipFilename(input, ID)).toBe(expected);
  });

  it('caps the length and keeps the suffix', () => {
    const name = sanitizeZipFilename('x'.repeat(500), ID);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.zip')).toBe(true);
  });
});
