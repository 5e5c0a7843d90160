// Deflate "stored" blocks (RFC 1951 §3.2.4, BTYPE 00): the bytes as they are, in
// blocks of at most 65,535, each behind a 5-byte header. A zip entry written this
// way is method 8, so a data descriptor after it is legal for streaming readers
// (the deflate stream ends itself), while its length follows from the source's
// size alone and no compression CPU is spent.
//
// The blocks are always full ones, then one final block with the rest (possibly
// empty), so that a writer that does not know the size ahead frames the bytes
// exactly as one that does.

export const BLOCK_DATA = 65_535;
export const BLOCK_HEADER = 5;
const BLOCK_SPAN = BLOCK_DATA + BLOCK_HEADER;

export class BlockFramingError extends Error {}

/** How many blocks frame `size` bytes. */
export function blockCount(size: number): number {
  return Math.floor(size / BLOCK_DATA) + 1;
}

/** The framed (compressed) size of `size` source bytes. */
export function framedSize(size: number): number {
  return size + BLOCK_HEADER * blockCount(size);
}

function header(final: boolean, length: number): Buffer {
  return Buffer.from([final ? 1 : 0, length & 0xff, length >>> 8, ~length & 0xff, (~length >>> 8) & 0xff]);
}

function blockHeader(index: number, size: number): Buffer {
  const last = index === blockCount(size) - 1;
  return header(last, last ? size - index * BLOCK_DATA : BLOCK_DATA);
}

/** Told when a source ended early and the block it was in was closed with zeros (see `framedRange`). */
export type PaddingHook = (zeros: Buffer) => void;

/**
 * The source bytes (inclusive) that framed bytes `from`..`to` hold, or undefined
 * when they are block headers only.
 */
export function sourceSpan(size: number, from: number, to: number): { start: number; end: number } | undefined {
  const toSource = (at: number, roundUp: boolean) => {
    const block = Math.floor(at / BLOCK_SPAN);
    const within = at - block * BLOCK_SPAN - BLOCK_HEADER;
    if (within >= 0) return block * BLOCK_DATA + within;
    return roundUp ? block * BLOCK_DATA : block * BLOCK_DATA - 1;
  };
  const start = toSource(from, true);
  const end = Math.min(size - 1, toSource(to, false));
  return start <= end ? { start, end } : undefined;
}

/**
 * Frames bytes `from`..`to` (inclusive, of the framed data) of a source of
 * `size` bytes; `source` must deliver exactly `sourceSpan(size, from, to)`.
 * Yields block headers and views into the source's chunks; `lend` is told of
 * every view that is not the last one taken from its chunk (that chunk must not
 * be reused until its last view is written). A source that ends early is an
 * error, unless `pad` is given (whole entries only): the block under way is then
 * filled with zeros and a final empty block closes the stream, so that streaming
 * readers can step over the entry; `pad` is told of the zeros.
 */
export async function* framedRange(
  source: AsyncIterable<Buffer>,
  size: number,
  from: number,
  to: number,
  { lend = () => undefined, pad }: { lend?: (view: Buffer) => void; pad?: PaddingHook } = {},
): AsyncGenerator<Buffer> {
  let at = from;
  const headersUpTo = function* (limit: number): Generator<Buffer> {
    // Block headers (or their parts) from `at` while they lie before `limit` and inside the range.
    while (at <= to) {
      const block = Math.floor(at / BLOCK_SPAN);
      const within = at - block * BLOCK_SPAN;
      if (within >= BLOCK_HEADER || block * BLOCK_SPAN >= limit) return;
      const stop = Math.min(BLOCK_HEADER, to - block * BLOCK_SPAN + 1);
      yield blockHeader(block, size).subarray(within, stop);
      at = block * BLOCK_SPAN + stop;
    }
  };
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.length) {
      yield* headersUpTo(Infinity);
      if (at > to) throw new BlockFramingError('the source sent more bytes than the range holds');
      const block = Math.floor(at / BLOCK_SPAN);
      const blockEnd = block * BLOCK_SPAN + BLOCK_HEADER + Math.min(BLOCK_DATA, size - block * BLOCK_DATA);
      const take = Math.min(chunk.length - offset, blockEnd - at, to - at + 1);
      if (take <= 0) throw new BlockFramingError('the source sent more bytes than its size');
      const view = offset === 0 && take === chunk.length ? chunk : chunk.subarray(offset, offset + take);
      offset += take;
      if (offset < chunk.length) lend(view);
      yield view;
      at += take;
    }
  }
  if (pad && at <= to) {
    yield* closeEarly(at, size, pad);
    return;
  }
  yield* headersUpTo(Infinity);
  if (at <= to) throw new BlockFramingError(`the source ended ${to - at + 1} framed bytes early`);
}

/** Ends a framed stream cut short at framed offset `at`: zeros to the end of its block, then a final empty block unless that one was final. */
function* closeEarly(at: number, size: number, pad: PaddingHook): Generator<Buffer> {
  const block = Math.floor(at / BLOCK_SPAN);
  const within = at - block * BLOCK_SPAN;
  if (within === 0) {
    yield header(true, 0);
    return;
  }
  const last = block === blockCount(size) - 1;
  const length = last ? size - block * BLOCK_DATA : BLOCK_DATA;
  const zeros = Buffer.alloc(BLOCK_HEADER + length - within);
  pad(zeros);
  yield zeros;
  if (!last) yield header(true, 0);
}

/**
 * Frames a source whose size is not known ahead: each full block is sent once
 * its 65,535th byte has arrived (so at most one block is held), the rest as the
 * final block at the end. The bytes equal `framedRange` over the whole size.
 */
export async function* framedStream(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(chunk.length - offset, BLOCK_DATA - heldBytes);
      held.push(Buffer.from(chunk.subarray(offset, offset + take)));
      heldBytes += take;
      offset += take;
      if (heldBytes === BLOCK_DATA) {
        yield Buffer.concat([header(false, BLOCK_DATA), ...held]);
        held = [];
        heldBytes = 0;
      }
    }
  }
  const rest = Buffer.concat(held);
  yield Buffer.concat([header(true, rest.length), rest]);
}
