/**
 * Where two byte strings differ, for a failure message that says more than
 * "expected true": null when they are equal, else their lengths and the first
 * and last differing offsets (with `marks`, such as the offset a download was
 * resumed at, alongside).
 */
export function byteDifference(actual: Buffer, expected: Buffer, marks: Record<string, number | string> = {}): string | null {
  if (actual.equals(expected)) return null;
  const common = Math.min(actual.length, expected.length);
  let first = 0;
  while (first < common && actual[first] === expected[first]) first += 1;
  let last = common - 1;
  while (last > first && actual[last] === expected[last]) last -= 1;
  const shown = Object.entries(marks).map(([name, at]) => `${name} ${at}`);
  return [`lengths ${actual.length} and ${expected.length}`, `first difference at ${first}`, `last at ${last}`, ...shown].join(', ');
}
