import type { NewBundle } from '../../../bundles/persistence/bundle.repository.js';
import type { ImportRecord } from '../import-record.js';
import type { PlacedRef } from '../import-rows-check.js';
import type { CheckedBatch } from '../parsing/checked-batch.js';

export type ImportProgress = Pick<ImportRecord, 'state' | 'rowsRead'>;
export type ImportOutcome = Pick<ImportRecord, 'state' | 'rowsRead' | 'rowsImported' | 'errors' | 'problem'>;

/** What moving the rows into the bundle found. */
export type CommitResult =
  | { readonly committed: number }
  | { readonly refused: 'gone' }
  | { readonly refused: 'too-many'; readonly current: number }
  /** The import was failed as stale by another instance (or this one) before its rows moved in. */
  | { readonly refused: 'stopped' };

/** The persistence port for imports and their staged rows. */
export abstract class ImportRepository {
  abstract insert(record: ImportRecord): Promise<void>;
  abstract find(id: string): Promise<ImportRecord | null>;
  /** False once the import is no longer queued or running (failed as stale): its runner must stop. */
  abstract progress(id: string, progress: ImportProgress, now: Date): Promise<boolean>;
  /** Marks those imports still queued or running alive, as `progress` does (on the database's clock). */
  abstract touch(ids: readonly string[]): Promise<void>;
  /** Fails every import queued or running not marked alive for `staleSeconds`, drops its staged rows, and names them. */
  abstract failStale(staleSeconds: number, detail: string, now: Date): Promise<string[]>;
  /** Stages checked rows at their places: a batch's other sources as the parser wrote them, and its stored files. */
  abstract stage(id: string, plain: CheckedBatch['plain'], stored: readonly PlacedRef[]): Promise<void>;
  /**
   * Moves every staged row into the bundle (appended under the bundle's row
   * lock, or into `create`, inserted in the same transaction), and records the
   * import as succeeded, all in one transaction (nothing changes when refused);
   * then drops the staged rows.
   */
  abstract commit(record: ImportRecord, rows: number, create: NewBundle | null, maxTotal: number, now: Date): Promise<CommitResult>;
  /** Records the end of a failed import (unless it had ended already) and drops its staged rows. */
  abstract finish(id: string, outcome: ImportOutcome, now: Date): Promise<void>;
  /** Deletes up to `limit` records of imports that ended before `before`, and any staged rows they left; says how many. */
  abstract deleteEnded(before: Date, limit: number): Promise<number>;
  /** Imports left queued or running by an instance that stopped: failed, their rows dropped. */
  abstract abandon(ids: readonly string[], detail: string, now: Date): Promise<void>;
}
