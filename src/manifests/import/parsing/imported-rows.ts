import { open } from 'node:fs/promises';
import { csvRows } from './csv-rows.js';
import { columnsOf, type Columns, referenceOf, type SheetRow } from './header.js';
import { ImportRefusal, type ImportedRow, type ImportLimits } from './imported-row.js';
import { xlsxRows } from './xlsx-rows.js';

export type SheetFormat = 'csv' | 'xlsx';

/** The references of a CSV or XLSX file, after its header row; the format is told by the file's first bytes. */
export async function* importedRows(path: string, limits: ImportLimits): AsyncGenerator<ImportedRow> {
  const rows = (await formatOf(path)) === 'xlsx' ? xlsxRows(path, limits) : csvRows(path);
  let columns: Columns | undefined;
  for await (const row of rows) {
    if (!columns) {
      if (!isBlank(row)) columns = columnsOf(row);
      continue;
    }
    const reference = referenceOf(row, columns);
    if (reference) yield reference;
  }
  if (!columns) throw new ImportRefusal('IMPORT_INVALID', 'The spreadsheet is empty: its first row must name the columns (src, and optionally dst)', [{ row: 1, column: 'src', reason: 'no header row' }]);
}

/** CSV or XLSX, by the file's first bytes; refuses the formats it knows it cannot read. */
export async function formatOf(path: string): Promise<SheetFormat> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(8), 0, 8, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'xlsx';
    if (head.equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) {
      throw new ImportRefusal('UNSUPPORTED_MEDIA_TYPE', 'This is an Excel 97–2003 workbook (.xls) or another OLE file: save it as XLSX or CSV');
    }
    if (head.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || head.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) {
      throw new ImportRefusal('UNSUPPORTED_MEDIA_TYPE', 'This text is UTF-16 ("Unicode text"): save it as "CSV UTF-8"');
    }
    return 'csv';
  } finally {
    await file.close();
  }
}

function isBlank(row: SheetRow): boolean {
  return row.cells.every((c) => c === undefined || c.trim() === '');
}
