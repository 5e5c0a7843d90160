import { ImportRefusal, type ImportedRow } from './imported-row.js';

/** A row of cells as read, by column index from 0; missing cells are undefined. */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly (string | undefined)[];
}

export interface Columns {
  readonly src: number;
  readonly dst: number | undefined;
}

/** The header names the columns: `src` (required) and `dst`, in any case; others are ignored. */
export function columnsOf(header: SheetRow): Columns {
  const find = (name: string) => {
    const at = header.cells.flatMap((c, i) => (c?.trim().toLowerCase() === name ? [i] : []));
    if (at.length > 1) throw invalid(header.row, name, `the header row names the ${name} column ${at.length} times`);
    return at[0];
  };
  const src = find('src');
  const dst = find('dst');
  if (src === undefined) throw invalid(header.row, 'src', 'the header row has no src column (the first non-empty row names the columns: src, and optionally dst)');
  return { src, dst };
}

/** The row's reference, or undefined for a row with nothing in it. */
export function referenceOf(sheetRow: SheetRow, columns: Columns): ImportedRow | undefined {
  if (sheetRow.cells.every((c) => c === undefined || c === '')) return undefined;
  const cell = (i: number | undefined) => {
    const value = i === undefined ? undefined : sheetRow.cells[i];
    return value === '' ? undefined : value;
  };
  return { row: sheetRow.row, src: cell(columns.src), dst: cell(columns.dst) };
}

function invalid(row: number, column: string, reason: string): ImportRefusal {
  return new ImportRefusal('IMPORT_INVALID', `Row ${row}: ${reason}`, [{ row, column, reason }]);
}
