import { Readable } from 'node:stream';
import { zipStream, type ZipEntrySource } from '../../archive/zip/zip-writer.js';
import { MANIFEST_COLUMNS, type ManifestRow, manifestCells } from '../manifest-row.js';
import { xmlText } from '../xml-text.js';
import { TextChunks } from './text-chunks.js';
import { FIXED_PARTS, SHEET_END, SHEET_PART, SHEET_START } from './xlsx-parts.js';

/** The most rows a sheet may have (Excel's limit): a header and this many files less one. */
export const XLSX_MAX_ROWS = 1_048_576;
// Speed over size: sheet XML deflates well at any level (level 1 is ~3x faster than 6 for ~20% more bytes).
const DEFLATE_LEVEL = 1;
const LETTERS = 'ABCDEF';

/**
 * A workbook of one sheet, written as it is read: inline strings (no shared
 * string table to hold), through the service's own zip writer, every part
 * deflated. `mtime` dates the parts, so a bundle version's workbook is the same bytes.
 */
export function xlsxManifest(pages: AsyncIterable<readonly ManifestRow[]>, mtime: Date): AsyncGenerator<Buffer> {
  const part = (name: string, chunks: () => AsyncIterable<Buffer> | Iterable<Buffer>): ZipEntrySource => ({
    name,
    mtime,
    deflate: true,
    open: () => ({ stream: Readable.from(chunks(), { objectMode: false }) }),
  });
  const parts = [...FIXED_PARTS.map(({ name, xml }) => part(name, () => [Buffer.from(xml, 'utf8')])), part(SHEET_PART, () => sheetXml(pages))];
  return zipStream(parts, { deflateLevel: DEFLATE_LEVEL });
}

async function* sheetXml(pages: AsyncIterable<readonly ManifestRow[]>): AsyncGenerator<Buffer> {
  const out = new TextChunks();
  out.put(SHEET_START + rowXml(1, [...MANIFEST_COLUMNS], ' s="1"'));
  let r = 1;
  for await (const page of pages) {
    for (const row of page) {
      r += 1;
      const full = out.put(rowXml(r, manifestCells(row), ''));
      if (full) yield full;
    }
  }
  const full = out.put(SHEET_END);
  if (full) yield full;
  yield out.rest();
}

function rowXml(r: number, cells: readonly (string | number | undefined)[], style: string): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) {
    const value = cells[i];
    const ref = `${LETTERS[i]}${r}`;
    if (typeof value === 'number') xml += `<c r="${ref}"${style}><v>${value}</v></c>`;
    else if (value !== undefined && value !== '') xml += `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
  }
  return `${xml}</row>`;
}
