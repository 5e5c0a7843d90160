import { referenceProblems } from '../../../bundles/reference-problems.js';
import type { AppConfig } from '../../../config/app-config.js';
import { int4Array, textArray } from '../../../database/binary-array.js';
import { checkSource } from '../../../storage/source-check.js';
import { REDACTED_QUERY, type SourceUri } from '../../../storage/source-uri.js';
import type { ImportedRow, RowError } from './imported-row.js';

/** A `store://` row: whether its file is the importer's, and its name, are the database's to say. */
export interface StoredRow extends ImportedRow {
  readonly src: string;
  /** Its place among the import's rows, from 0. */
  readonly ord: number;
}

/**
 * A batch of rows as the parser hands it over, checked as far as it can be
 * without the database (as the JSON API checks references), the rest ready
 * for it: the valid references of other sources as PostgreSQL arrays in
 * binary form, buffers that are handed to the service's thread, not copied.
 */
export interface CheckedBatch {
  /** Data rows in the batch, valid or not. */
  readonly rows: number;
  readonly errors: readonly RowError[];
  /** Null once any row of the import was invalid (nothing will be staged). */
  readonly plain: { readonly ords: Uint8Array; readonly srcs: Uint8Array; readonly dsts: Uint8Array } | null;
  readonly stored: readonly StoredRow[];
}

/** As the JSON API's FileRefDto bounds them. */
const MAX_CHARS = 4096;

/** Checks rows one by one and hands them out a batch at a time (in the parser's thread). */
export class BatchChecker {
  private ords: number[] = [];
  private srcs: string[] = [];
  private dsts: (string | null)[] = [];
  private stored: StoredRow[] = [];
  private errors: RowError[] = [];
  private rows = 0;
  private seen = 0;
  private invalid = false;
  /** One function for every row, not a closure each. */
  private readonly checkSource = (src: string) => checkSource(src, this.storage);

  constructor(
    private readonly storage: AppConfig['storage'],
    /** The most errors one batch carries (the import reports no more than this in all). */
    private readonly maxErrors: number,
  ) {}

  get size(): number {
    return this.rows;
  }

  add(row: ImportedRow): void {
    const ord = this.seen++;
    this.rows += 1;
    const { errors, uri } = this.check(row);
    if (errors.length > 0) {
      this.invalid = true;
      for (const e of errors) if (this.errors.length < this.maxErrors) this.errors.push(e);
      return;
    }
    const src = row.src!;
    if (uri?.scheme === 'store') this.stored.push({ ...row, src, ord });
    else if (!this.invalid) {
      this.ords.push(ord);
      this.srcs.push(src);
      this.dsts.push(row.dst ?? null);
    }
  }

  take(): CheckedBatch {
    const plain = this.invalid || this.ords.length === 0 ? null : { ords: int4Array(this.ords), srcs: textArray(this.srcs), dsts: textArray(this.dsts) };
    const batch: CheckedBatch = { rows: this.rows, errors: this.errors, plain, stored: this.stored };
    this.ords = [];
    this.srcs = [];
    this.dsts = [];
    this.stored = [];
    this.errors = [];
    this.rows = 0;
    return batch;
  }

  private check({ row, src, dst }: ImportedRow): { errors: RowError[]; uri?: SourceUri } {
    const errors: RowError[] = [];
    if (src === undefined) errors.push({ row, column: 'src', reason: 'src is empty' });
    else if (src.length > MAX_CHARS) errors.push({ row, column: 'src', reason: `src must be shorter than or equal to ${MAX_CHARS} characters` });
    else if (src.includes(REDACTED_QUERY)) errors.push({ row, column: 'src', reason: 'the query string of this URL was redacted when the manifest was exported (importing it would name another file): put the full URL back' });
    if (dst !== undefined && dst.length > MAX_CHARS) errors.push({ row, column: 'dst', reason: `dst must be shorter than or equal to ${MAX_CHARS} characters` });
    if (errors.length > 0) return { errors };
    const { uri, problems } = referenceProblems(this.checkSource, { src: src!, dst });
    return { errors: problems.map((p) => ({ row, column: p.field, reason: p.detail })), uri };
  }
}
