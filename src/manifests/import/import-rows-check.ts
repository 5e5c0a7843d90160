import type { FileRef } from '../../bundles/bundle.js';
import type { FileRefsValidator } from '../../bundles/file-refs.validator.js';
import type { StoredRow } from './parsing/checked-batch.js';
import type { RowError } from './parsing/imported-row.js';

/** A stored file's reference, checked, at its place among the import's rows. */
export interface PlacedRef extends FileRef {
  readonly ord: number;
}

/**
 * Checks `store://` rows (which passed the parser's checks) with the validator
 * the JSON API uses, for what only the database knows: whether the file is the
 * owner's, and its name when the row gives no `dst`. Locates each problem by
 * row and column; resolves the references to stage when all are valid.
 */
export async function checkStoredRows(validator: FileRefsValidator, rows: readonly StoredRow[], owner: string | null, maxErrors: number): Promise<{ errors: RowError[]; refs: PlacedRef[] }> {
  if (rows.length === 0) return { errors: [], refs: [] };
  const { problems, files } = await validator.check(rows.map(({ src, dst }) => (dst === undefined ? { src } : { src, dst })), owner, maxErrors);
  const errors = problems.map((p) => ({ row: rows[p.index].row, column: p.field, reason: p.detail }));
  return { errors, refs: errors.length > 0 ? [] : files.map((file, i) => ({ ...file, ord: rows[i].ord })) };
}
