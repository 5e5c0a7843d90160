import type { CheckedBatch } from './parsing/checked-batch.js';

/**
 * The parsing port: a spooled CSV or XLSX file in, batches of references out,
 * checked as far as that needs no database, read only as fast as they are
 * taken. Rejects with ImportRefusal when the file cannot be imported at all.
 * The adapter that ships parses in a worker thread.
 */
export abstract class ManifestParser {
  abstract batches(path: string): AsyncGenerator<CheckedBatch>;
}
