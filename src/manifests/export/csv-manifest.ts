import { csvText } from '../csv-cell.js';
import { TextChunks } from './text-chunks.js';
import { MANIFEST_COLUMNS, type ManifestRow, manifestCells } from '../manifest-row.js';

/** RFC 4180 CSV (CRLF, UTF-8 with a BOM so that Excel reads it as UTF-8), in chunks of about 64 KiB. */
export async function* csvManifest(pages: AsyncIterable<readonly ManifestRow[]>): AsyncGenerator<Buffer> {
  const out = new TextChunks();
  out.put(`\ufeff${MANIFEST_COLUMNS.join(',')}\r\n`);
  for await (const page of pages) {
    for (const row of page) {
      const [position, dst, src, size, crc32, version] = manifestCells(row);
      const full = out.put(`${position},${csvText(dst)},${csvText(src)},${size ?? ''},${crc32 === '' ? '' : csvText(crc32)},${version === '' ? '' : csvText(version)}\r\n`);
      if (full) yield full;
    }
  }
  yield out.rest();
}
