import { posix } from 'node:path';
import { unescapedCellText } from '../../xml-text.js';
import type { SheetRow } from './header.js';
import { ImportRefusal, type ImportLimits, SHEET_MAX_ROWS } from './imported-row.js';
import { localName, readXml, xmlChunks } from './xml-events.js';
import { XlsxPackage } from './xlsx-package.js';

/** Longer text cannot be a valid reference (4,096 at most); keeping more would only hold memory. */
const MAX_CELL_CHARS = 8193;
const MAX_COLUMNS = 16_384;

/**
 * The rows of the first visible sheet of an XLSX, streamed. The shared-string
 * table, which Excel and LibreOffice write for every text cell, must be held
 * while the sheet is read: it is bounded by `maxSharedStringsBytes`.
 */
export async function* xlsxRows(path: string, limits: ImportLimits): AsyncGenerator<SheetRow> {
  const pkg = await XlsxPackage.open(path, limits);
  try {
    const { sheet, sharedStrings } = await locateParts(pkg);
    const shared = sharedStrings && pkg.has(sharedStrings) ? await readSharedStrings(pkg, sharedStrings, limits.maxSharedStringsBytes) : [];
    yield* sheetRows(pkg, sheet, shared);
  } finally {
    pkg.close();
  }
}

/** The first sheet not hidden, and the shared strings, from the workbook and its relationships. */
async function locateParts(pkg: XlsxPackage): Promise<{ sheet: string; sharedStrings: string | undefined }> {
  const sheets: { rid: string; hidden: boolean }[] = [];
  await readXml(await pkg.open('xl/workbook.xml'), 'xl/workbook.xml', {
    open(name, attrs) {
      if (name !== 'sheet') return;
      const rid = Object.entries(attrs).find(([key]) => key.includes(':') && localName(key) === 'id')?.[1];
      if (rid) sheets.push({ rid, hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden' });
    },
  });
  const targets = new Map<string, { type: string; target: string }>();
  if (pkg.has('xl/_rels/workbook.xml.rels')) {
    await readXml(await pkg.open('xl/_rels/workbook.xml.rels'), 'xl/_rels/workbook.xml.rels', {
      open(name, attrs) {
        if (name === 'Relationship' && attrs.Id && attrs.Target) targets.set(attrs.Id, { type: attrs.Type ?? '', target: partPath(attrs.Target) });
      },
    });
  }
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  const sheet = first && targets.get(first.rid)?.target;
  if (!sheet) throw new ImportRefusal('IMPORT_INVALID', 'The XLSX names no worksheet');
  const sharedStrings = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  return { sheet, sharedStrings };
}

/** A relationship target, relative to xl/ unless absolute. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}

async function readSharedStrings(pkg: XlsxPackage, part: string, maxBytes: number): Promise<string[]> {
  const strings: string[] = [];
  const text = textCollector();
  let bytes = 0;
  await readXml(await pkg.open(part), part, {
    open(name) {
      if (name === 'si') text.start();
      text.enter(name);
    },
    text: (t) => text.add(t),
    close(name) {
      text.leave(name);
      if (name !== 'si') return;
      const value = unescapedCellText(text.take());
      bytes += value.length * 2;
      if (bytes > maxBytes) {
        throw new ImportRefusal('IMPORT_TOO_LARGE', `The XLSX's shared-string table passes ${maxBytes} bytes (IMPORT_MAX_SHARED_STRINGS_BYTES) at string ${strings.length + 1}: import the list as CSV instead`);
      }
      strings.push(value);
    },
  });
  return strings;
}

async function* sheetRows(pkg: XlsxPackage, part: string, shared: readonly string[]): AsyncGenerator<SheetRow> {
  const done: SheetRow[] = [];
  const text = textCollector();
  let rowNumber = 0;
  let cells: (string | undefined)[] = [];
  let cell: { column: number; type: string } | undefined;
  let column = -1;
  const handlers = {
    open(name: string, attrs: Readonly<Record<string, string>>) {
      if (name === 'row') {
        rowNumber = attrs.r ? Number(attrs.r) : rowNumber + 1;
        if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > SHEET_MAX_ROWS) {
          throw new ImportRefusal('IMPORT_TOO_LARGE', `The sheet has a row ${attrs.r ?? rowNumber}; a sheet has at most ${SHEET_MAX_ROWS} rows`);
        }
        cells = [];
        column = -1;
      } else if (name === 'c') {
        column = attrs.r ? columnOf(attrs.r, rowNumber) : column + 1;
        cell = { column, type: attrs.t ?? 'n' };
        text.start();
      }
      text.enter(name);
    },
    text: (t: string) => text.add(t),
    close(name: string) {
      text.leave(name);
      if (name === 'c' && cell) {
        cells[cell.column] = cellValue(cell.type, text.take(), shared, rowNumber);
        cell = undefined;
      } else if (name === 'row') done.push({ row: rowNumber, cells });
    },
  };
  for await (const _ of xmlChunks(await pkg.open(part), part, handlers)) {
    yield* done;
    done.length = 0;
  }
  yield* done;
}

function cellValue(type: string, raw: string, shared: readonly string[], row: number): string {
  switch (type) {
    case 's': {
      const value = shared[Number(raw)];
      if (value === undefined) throw new ImportRefusal('IMPORT_INVALID', `Row ${row} refers to shared string ${raw}, which the XLSX does not have`);
      return value;
    }
    case 'b':
      return raw === '1' ? 'TRUE' : 'FALSE';
    default:
      return unescapedCellText(raw);
  }
}

/** The column index (from 0) of a cell reference such as `B12`. */
function columnOf(ref: string, row: number): number {
  const letters = /^[A-Z]{1,3}/i.exec(ref)?.[0] ?? '';
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n < 1 || n > MAX_COLUMNS) throw new ImportRefusal('IMPORT_INVALID', `Row ${row} has a cell at ${ref}, which is not a cell reference`);
  return n - 1;
}

/**
 * Collects the text of `<t>` (inline and shared strings) and `<v>` (values),
 * leaving out phonetic runs (`<rPh>`), up to MAX_CELL_CHARS.
 */
function textCollector() {
  let value = '';
  let inText = false;
  let phonetic = 0;
  return {
    start: () => (value = ''),
    enter(name: string) {
      if (name === 'rPh') phonetic += 1;
      else if (name === 't' || name === 'v') inText = phonetic === 0;
    },
    leave(name: string) {
      if (name === 'rPh') phonetic -= 1;
      else if (name === 't' || name === 'v') inText = false;
    },
    add(t: string) {
      if (inText && value.length < MAX_CELL_CHARS) value += t.slice(0, MAX_CELL_CHARS - value.length);
    },
    take: () => value,
  };
}
