import type { CheckedBatch } from './checked-batch.js';
import type { RefusalCode, RowError } from './imported-row.js';

/** What the parsing worker posts; the service answers each `batch` with `'more'`. */
export type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: CheckedBatch }
  | { readonly type: 'done' }
  | { readonly type: 'refused'; readonly code: RefusalCode; readonly detail: string; readonly errors: readonly RowError[] }
  | { readonly type: 'failed'; readonly detail: string };
