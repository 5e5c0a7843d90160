/** A data row of an imported sheet: its row number (the header is row 1 when it is the first line) and its `src` and `dst` cells. */
export interface ImportedRow {
  readonly row: number;
  readonly src: string | undefined;
  readonly dst: string | undefined;
}

/** A cell that is not a valid part of a file reference, located as a spreadsheet shows it. */
export interface RowError {
  readonly row: number;
  readonly column: string;
  readonly reason: string;
}

export interface ImportLimits {
  /** Shared strings held in memory, at 2 bytes per UTF-16 code unit. */
  readonly maxSharedStringsBytes: number;
  /** All parts of an XLSX read, inflated. */
  readonly maxInflatedBytes: number;
  /** Inflated bytes per compressed byte, for any part over 1 MiB inflated. */
  readonly maxInflateRatio: number;
}

export type RefusalCode = 'IMPORT_TOO_LARGE' | 'IMPORT_INVALID' | 'UNSUPPORTED_MEDIA_TYPE';

/** Why a spreadsheet cannot be imported at all; crosses the worker boundary as plain data. */
export class ImportRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly detail: string,
    readonly errors: readonly RowError[] = [],
  ) {
    super(detail);
  }
}

/** The most rows a sheet may have (Excel's limit). */
export const SHEET_MAX_ROWS = 1_048_576;
