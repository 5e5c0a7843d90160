import { csvText } from '../csv-cell.js';
import { MANIFEST_COLUMNS, type ManifestRow, manifestCells } from '../manifest-row.js';

const CHUNK_CHARS = 64 * 1024;

/** RFC 4180 CSV (CRLF, UTF-8 with a BOM so that Excel reads it as UTF-8), in chunks of about 64 KiB. */
export async function* csvManifest(pages: AsyncIterable<readonly ManifestRow[]>): AsyncGenerator<Buffer> {
  let text = `\ufeff${MANIFEST_COLUMNS.join(',')}\r\n`;
  for await (const page of pages) {
    for (const row of page) {
      const [position, dst, src, size, crc32, version] = manifestCells(row);
      text += `${position},${csvText(dst)},${csvText(src)},${size ?? ''},${crc32 === '' ? '' : csvText(crc32)},${version === '' ? '' : csvText(version)}\r\n`;
      if (text.length < CHUNK_CHARS) continue;
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  yield Buffer.from(text, 'utf8');
}
