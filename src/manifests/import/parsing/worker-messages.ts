import type { AppConfig } from '../../../config/app-config.js';
import type { CheckedBatch } from './checked-batch.js';
import type { ImportLimits, RefusalCode, RowError } from './imported-row.js';

/** One file for a parsing worker. */
export interface ParseJob {
  readonly path: string;
  readonly limits: ImportLimits;
  readonly batchRows: number;
  readonly storage: AppConfig['storage'];
  readonly maxErrors: number;
}

/** What the service posts: a file to parse, or `'more'` in answer to a batch. */
export type ServiceMessage = { readonly job: ParseJob } | 'more';

/** What the parsing worker posts; the service answers each `batch` with `'more'`. A file ends with any but `batch`. */
export type WorkerMessage =
  | { readonly type: 'batch'; readonly batch: CheckedBatch }
  | { readonly type: 'done' }
  | { readonly type: 'refused'; readonly code: RefusalCode; readonly detail: string; readonly errors: readonly RowError[] }
  | { readonly type: 'failed'; readonly detail: string };
