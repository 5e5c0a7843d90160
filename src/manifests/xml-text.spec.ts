import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { unescapedCellText, xmlText } from './xml-text.js';

/** What a conforming XML parser hands a reader for `<t>…</t>`. */
function parsedText(xml: string): string {
  const parser = new SaxesParser();
  let text = '';
  parser.on('text', (t) => (text += t));
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(`<t xml:space="preserve">${xml}</t>`).close();
  return text;
}

describe('cell text in SpreadsheetML', () => {
  it.each([
    ['a & b <c>', 'a &amp; b &lt;c&gt;'],
    ['bell\u0007', 'bell_x0007_'],
    ['cr\r', 'cr_x000D_'],
    ['_x0041_', '_x005F_x0041_'],
    ['lone \ud800', 'lone _xD800_'],
  ])('writes %j as %j', (value, xml) => {
    expect(xmlText(value)).toBe(xml);
  });

  it('survives a real XML parser and the reader\'s unescaping, whatever the text (property)', () => {
    const tricky = fc.constantFrom('\r\n', '\u0000', '\ufffe', '_x000D_', '_X00e9_', '\ud83d', '\ude00', '😀', ']]>', '&amp;');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), tricky), { maxLength: 6 }), (parts) => {
        const value = parts.join('');
        expect(unescapedCellText(parsedText(xmlText(value)))).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
