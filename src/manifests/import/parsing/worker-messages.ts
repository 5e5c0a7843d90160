import type { ImportedRow, RefusalCode, RowError } from './imported-row.js';

/** What the parsing worker posts; the service answers each `rows` with `'more'`. */
export type WorkerMessage =
  | { readonly type: 'rows'; readonly rows: readonly ImportedRow[] }
  | { readonly type: 'done' }
  | { readonly type: 'refused'; readonly code: RefusalCode; readonly detail: string; readonly errors: readonly RowError[] }
  | { readonly type: 'failed'; readonly detail: string };
