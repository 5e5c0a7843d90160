/**
 * Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first)
 * is written behind an apostrophe, as OWASP advises for CSV. The rule is
 * reversible: any run of apostrophes before such a character gains one on export
 * and loses one on import, so a manifest round-trips every name exactly.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** A CSV field: always quoted, formulas neutralised. */
export function csvText(value: string): string {
  const safe = FORMULA_LIKE.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The value a field written by `csvText` stood for. */
export function unneutralised(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}
