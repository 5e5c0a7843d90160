import type { FileRef } from '../../bundles/bundle.js';
import type { FileRefsValidator } from '../../bundles/file-refs.validator.js';
import { REDACTED_QUERY } from '../../storage/source-uri.js';
import type { ImportedRow, RowError } from './parsing/imported-row.js';

/** As the JSON API's FileRefDto bounds them. */
const MAX_CHARS = 4096;

/**
 * Checks a batch of rows exactly as the JSON API checks file references (the
 * DTO's bounds, then the validator), locating each problem by row and column.
 * Resolves the references to keep when the batch is clean.
 */
export async function checkRows(
  validator: FileRefsValidator,
  rows: readonly ImportedRow[],
  owner: string | null,
  maxErrors: number,
): Promise<{ errors: RowError[]; files: FileRef[] }> {
  const errors: RowError[] = [];
  const candidates: { row: number; file: FileRef }[] = [];
  for (const { row, src, dst } of rows) {
    const before = errors.length;
    if (src === undefined) errors.push({ row, column: 'src', reason: 'src is empty' });
    else if (src.length > MAX_CHARS) errors.push({ row, column: 'src', reason: `src must be shorter than or equal to ${MAX_CHARS} characters` });
    else if (src.includes(REDACTED_QUERY)) errors.push({ row, column: 'src', reason: 'the query string of this URL was redacted when the manifest was exported (importing it would name another file): put the full URL back' });
    if (dst !== undefined && dst.length > MAX_CHARS) errors.push({ row, column: 'dst', reason: `dst must be shorter than or equal to ${MAX_CHARS} characters` });
    if (errors.length === before) candidates.push({ row, file: dst === undefined ? { src: src! } : { src: src!, dst } });
  }
  const { problems, files } = await validator.check(candidates.map((c) => c.file), owner, maxErrors);
  for (const p of problems) errors.push({ row: candidates[p.index].row, column: p.field, reason: p.detail });
  errors.sort((a, b) => a.row - b.row);
  return { errors: errors.slice(0, maxErrors), files: errors.length > 0 ? [] : files };
}
