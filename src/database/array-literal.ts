/**
 * A PostgreSQL array literal (`{"a","b",NULL}`, `{1,2}`), as `pg` writes a
 * JavaScript array parameter. Made where the values are (a parser's worker
 * thread), so that a batch of thousands of values crosses to the thread that
 * talks to the database as one string, not thousands of objects to collect.
 */
export function arrayLiteral(values: readonly (string | number | null)[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) text += ',';
    if (value === null) text += 'NULL';
    else if (typeof value === 'number') text += String(value);
    else text += `"${value.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${text}}`;
}
