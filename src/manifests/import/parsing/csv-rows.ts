import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type Parser, parse } from 'csv-parse';
import { unneutralised } from '../../csv-cell.js';
import { ImportRefusal } from './imported-row.js';
import type { SheetRow } from './header.js';

/** A field longer than any valid reference fails validation anyway; this bounds what a hostile one may hold. */
const MAX_RECORD_CHARS = 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;

/**
 * The records of a UTF-8 CSV file (a BOM is dropped), each as a sheet row
 * numbered from 1 as a spreadsheet would show it. The delimiter is the comma,
 * or the semicolon or tab when the first line has more of those (as European
 * Excel and TSV exports write). Fields that `csvText` neutralised get their
 * apostrophe back off.
 */
export async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const delimiter = await sniffDelimiter(path);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = parse({ bom: true, delimiter, relax_column_count: true, max_record_size: MAX_RECORD_CHARS, skip_empty_lines: false });
  const feed = (async () => {
    try {
      for await (const chunk of createReadStream(path)) {
        if (parser.destroyed) return;
        if (!parser.write(decoder.decode(chunk as Buffer, { stream: true }))) await drainedOrClosed(parser);
      }
      parser.end(decoder.decode());
    } catch (err) {
      // By code, not class: a TypeError from another realm (a test's VM context) fails instanceof.
      const notUtf8 = (err as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
      parser.destroy(notUtf8 ? new ImportRefusal('IMPORT_INVALID', 'The CSV is not UTF-8 text: save it as "CSV UTF-8"') : (err as Error));
    }
  })();
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record.map(unneutralised) };
    }
  } catch (err) {
    if (err instanceof ImportRefusal) throw err;
    // csv-parse says on which line it stopped; records read so far may lag behind it.
    const line = (err as { lines?: number }).lines ?? row;
    throw new ImportRefusal('IMPORT_INVALID', `The CSV cannot be read at line ${line}: ${(err as Error).message}`);
  } finally {
    parser.destroy();
    await feed;
  }
}

/** Resolves on the first of the two, leaving no listener behind (one per pause piled up otherwise). */
export function drainedOrClosed(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done).off('close', done);
      resolve();
    };
    parser.on('drain', done).on('close', done);
  });
}

async function sniffDelimiter(path: string): Promise<string> {
  const file = await open(path);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0];
    const count = (c: string) => firstLine.split(c).length - 1;
    const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
    return count(best) > 0 ? best : ',';
  } finally {
    await file.close();
  }
}
