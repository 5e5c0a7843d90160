import { crc32 } from '@node-rs/crc32';
import { EntryContentError } from './layout-errors.js';

/**
 * A whole source, held to the CRC-32 its entry was laid out with: on a
 * difference its last chunk is not passed on, so the entry never goes out
 * complete, and the download fails instead of sending bytes its descriptor
 * and central directory contradict.
 */
export async function* checked(entry: { readonly name: string; readonly size: number; readonly crc32: number | undefined }, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const expected = entry.crc32;
  if (expected === undefined) return yield* source;
  let crc = 0;
  let got = 0;
  for await (const chunk of source) {
    crc = crc32(chunk, crc);
    got += chunk.length;
    if (got >= entry.size && crc !== expected) throw new EntryContentError(`${entry.name}: its bytes do not match the CRC-32 it was laid out with`);
    yield chunk;
  }
}
