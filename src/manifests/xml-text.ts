/**
 * Cell text in SpreadsheetML. Characters XML 1.0 cannot carry (most C0
 * controls, U+FFFE/U+FFFF, lone surrogates) and CR (which XML parsers turn into
 * LF) are written as `_xHHHH_`, as Excel writes them; a literal `_xHHHH_` has its
 * underscore escaped the same way, so that reading undoes exactly what writing did.
 */
const NEEDS_ESCAPE = /[&<>]|_x[0-9a-fA-F]{4}_|[\0-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_ESCAPE = new RegExp(NEEDS_ESCAPE.source);
const ESCAPED = /_x([0-9a-fA-F]{4})_/g;

const hex4 = (c: number) => `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;

export function xmlText(value: string): string {
  if (!ANY_ESCAPE.test(value)) return value;
  return value.replace(NEEDS_ESCAPE, (m) => {
    if (m === '&') return '&amp;';
    if (m === '<') return '&lt;';
    if (m === '>') return '&gt;';
    if (m.startsWith('_x')) return `${hex4(0x5f)}${m.slice(1)}`;
    return hex4(m.charCodeAt(0));
  });
}

/** Undoes the `_xHHHH_` escapes of cell text (entities are the XML parser's business). */
export function unescapedCellText(value: string): string {
  return value.includes('_x') ? value.replace(ESCAPED, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : value;
}
