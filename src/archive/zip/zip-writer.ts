import { pipeline, Readable } from 'node:stream';
import { constants as zlibConstants, createDeflateRaw } from 'node:zlib';
import { crc32 } from '@node-rs/crc32';
import { type CentralEntry, centralHeader, chooseEncoding, descriptorZip64, type Encoding, entryHeader, entryTrailer } from './zip-entry.js';
import { endOfCentralDirectory, SMALL_ENTRY_BYTES } from './zip-records.js';
import { BlockFramingError, framedRange, framedSize, framedStream } from './stored-blocks.js';

export interface ZipEntrySource {
  /** A normalised entry name (see entry-name.ts). */
  readonly name: string;
  readonly mtime: Date;
  /** Bytes the source will deliver, when known ahead: decides zip64 and is verified. */
  readonly size?: number;
  /** Known ahead, with `size`, when the file was added: the entry is method 0 with both in its local header, and no descriptor follows. */
  readonly crc32?: number;
  /** Compress this entry with raw deflate; otherwise it is stored. */
  readonly deflate?: boolean;
  /** Called when the entry's turn comes, before its header is written. */
  open(): OpenedEntry | Promise<OpenedEntry>;
}

export interface OpenedEntry {
  readonly stream: Readable;
  /** The size the source announced on opening, when `size` was not known ahead. */
  readonly size?: number;
}

export interface WrittenEntry {
  readonly size: number;
  readonly compressedSize: number;
  readonly crc32: number;
}

export class ZipEntryError extends Error {}

/** An entry whose source failed after its header went out, closed so that streaming readers step over it. */
export class ZipEntryCut extends ZipEntryError {}

export interface ZipStreamOptions<E extends ZipEntrySource = ZipEntrySource> {
  /** zlib level for entries marked `deflate` (1–9). */
  readonly deflateLevel?: number;
  /**
   * Given, failed entries may be left out: a source that fails after its header
   * went out has its entry closed (the deflate stream ended, a block filled with
   * zeros where one was under way, a data descriptor for what was sent), so that
   * streaming readers go on to the next entry; then `skip` is asked, and true
   * leaves the entry out of the central directory. A source that fails to open
   * sends nothing. Without `skip`, any failure ends the zip.
   */
  readonly skip?: (entry: E, error: unknown) => boolean;
  /** Called after each entry that made it into the archive. */
  readonly written?: (entry: E, written: WrittenEntry) => void;
  /** Entries appended after the others (the cover sheet), built from what happened. */
  readonly trailer?: () => Iterable<ZipEntrySource>;
  /** Takes back a source chunk that was copied rather than passed on (see SMALL_ENTRY_BYTES). */
  readonly release?: (chunk: Buffer) => void;
  /** Told of a view into a source chunk that is not the last one taken from it: that chunk must not be reused when this view is written. */
  readonly lend?: (view: Buffer) => void;
}


interface WriterContext {
  readonly position: { offset: number };
  readonly level: number;
  readonly release: (chunk: Buffer) => void;
  readonly lend: (view: Buffer) => void;
  readonly closeCut: boolean;
}

/**
 * Streams a zip: per entry a local header, the data (stored blocks over the
 * source's own chunks, or zlib's output, or the bytes as they are when size and
 * CRC were known ahead), a data descriptor unless they were, and at the end the
 * central directory. Sources are opened one at a time, when their turn comes.
 */
export async function* zipStream<E extends ZipEntrySource>(
  entries: AsyncIterable<E> | Iterable<E>,
  options: ZipStreamOptions<E> = {},
): AsyncGenerator<Buffer> {
  const central: CentralEntry[] = [];
  let localEntries = 0;
  const ctx: WriterContext = {
    position: { offset: 0 },
    level: options.deflateLevel ?? zlibConstants.Z_DEFAULT_COMPRESSION,
    release: options.release ?? (() => undefined),
    lend: options.lend ?? (() => undefined),
    closeCut: options.skip !== undefined,
  };
  for await (const entry of entries) {
    try {
      const { record, written } = yield* writeEntry(entry, ctx);
      central.push(record);
      localEntries += 1;
      options.written?.(entry, written);
    } catch (err) {
      if (err instanceof ZipEntryCut) localEntries += 1;
      if (!options.skip?.(entry, err)) throw err;
    }
  }
  for (const entry of options.trailer?.() ?? []) {
    central.push((yield* writeEntry(entry, ctx)).record);
    localEntries += 1;
  }
  yield* centralDirectory(central, ctx.position.offset, localEntries);
}

async function* writeEntry(entry: ZipEntrySource, ctx: WriterContext): AsyncGenerator<Buffer, { record: CentralEntry; written: WrittenEntry }> {
  // Opened before the header, so that a source failing to open leaves no bytes
  // behind, and a size learnt on opening can decide the encoding and zip64.
  const opened = await entry.open();
  const expectedSize = entry.size ?? opened.size;
  const encoding = chooseEncoding({ deflate: entry.deflate === true, crc32: entry.crc32 }, expectedSize);
  const head = { name: entry.name, mtime: entry.mtime, encoding, size: expectedSize, crc32: entry.crc32 };
  const start = ctx.position.offset;
  // A small entry is held and sent whole at its end (a failure then sends nothing of it).
  const held = encoding !== 'deflate' && expectedSize !== undefined && expectedSize <= SMALL_ENTRY_BYTES ? ([] as Buffer[]) : undefined;
  const send = function* (chunk: Buffer) {
    if (held) held.push(chunk);
    else {
      yield chunk;
      ctx.position.offset += chunk.length;
    }
  };
  yield* send(entryHeader(head));

  const counted = { crc: 0, size: 0, padding: 0 };
  const cut: { error?: unknown } = {};
  const closing = ctx.closeCut && !held && encoding !== 'stored';
  const counting = countingSource(opened.stream, counted, entry.name, expectedSize);
  const data = closing ? cutOnError(counting, cut) : counting;
  const pad = (zeros: Buffer) => {
    counted.crc = crc32(zeros, counted.crc);
    counted.padding += zeros.length;
  };
  let compressedSize = 0;
  try {
    for await (const chunk of encoded(data, encoding, expectedSize, ctx, closing ? pad : undefined)) {
      compressedSize += chunk.length;
      if (held) {
        held.push(Buffer.from(chunk));
        ctx.release(chunk);
      } else yield* send(chunk);
    }
  } catch (err) {
    // The framing notices a short source first; say it as the count does.
    throw err instanceof BlockFramingError ? new ZipEntryError(`${entry.name}: ${counted.size} of its ${expectedSize} bytes`) : err;
  }
  const { crc, size, padding } = counted;
  const failure = cut.error ?? (expectedSize !== undefined && size !== expectedSize ? new ZipEntryError(`${entry.name}: ${size} of its ${expectedSize} bytes`) : undefined);
  if (failure && !closing) throw failure;
  if (encoding === 'stored' && crc !== entry.crc32) throw new ZipEntryError(`${entry.name}: CRC-32 differs from the known one`);
  // Written without a size known ahead, the header promised no zip64: the counts must not need it.
  if (!failure && descriptorZip64(encoding, expectedSize) !== descriptorZip64(encoding, size)) throw new ZipEntryError(`${entry.name}: over 4 GiB without a known size`);
  const written = { crc32: crc, compressedSize, size: size + padding };
  yield* send(entryTrailer(encoding, written));
  if (failure) throw new ZipEntryCut(`${entry.name}: ${(failure as Error).message ?? String(failure)}`, { cause: failure });
  if (held) {
    const whole = Buffer.concat(held);
    yield whole;
    ctx.position.offset += whole.length;
  }
  return { record: { ...head, ...written, size, offset: start }, written: { ...written, size } };
}

/** The entry's data as written: stored blocks, zlib's output, or the bytes themselves. */
function encoded(data: AsyncGenerator<Buffer>, encoding: Encoding, size: number | undefined, ctx: WriterContext, pad: ((zeros: Buffer) => void) | undefined): AsyncIterable<Buffer> {
  if (encoding === 'deflate') return deflated(data, ctx.level);
  if (encoding === 'stored') return data;
  if (size === undefined) return framedStream(data);
  return framedRange(data, size, 0, framedSize(size) - 1, { lend: ctx.lend, pad });
}

/** Ends the source quietly at its first failure, which is kept in `cut`. */
async function* cutOnError(source: AsyncGenerator<Buffer>, cut: { error?: unknown }): AsyncGenerator<Buffer> {
  try {
    yield* source;
  } catch (err) {
    cut.error = err;
  }
}

/** The source's chunks, unchanged, with their CRC-32 and count kept on the way. */
async function* countingSource(stream: Readable, counted: { crc: number; size: number }, name: string, expectedSize: number | undefined): AsyncGenerator<Buffer> {
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    counted.crc = crc32(buf, counted.crc);
    counted.size += buf.length;
    if (expectedSize !== undefined && counted.size > expectedSize) throw new ZipEntryError(`${name}: more than its ${expectedSize} bytes`);
    yield buf;
  }
}

/** Raw deflate over a chunk source; `pipeline` carries errors and destruction both ways. */
function deflated(data: AsyncGenerator<Buffer>, level: number): AsyncIterable<Buffer> {
  const deflater = createDeflateRaw({ level });
  return pipeline(Readable.from(data, { objectMode: false }), deflater, () => undefined);
}

// Commons Compress's streaming reader skips (local entries × 46 − 30) bytes of
// central directory before it looks for the end record: with entries left out,
// the directory is padded so that it never overshoots.
const MIN_CENTRAL_RECORD = 46;

async function* centralDirectory(central: readonly CentralEntry[], cdOffset: number, localEntries: number): AsyncGenerator<Buffer> {
  let cdSize = 0;
  // Written in batches: one write per record would cost a syscall per entry.
  let batch: Buffer[] = [];
  let batchBytes = 0;
  for (const [i, record] of central.entries()) {
    const last = i === central.length - 1;
    const shortfall = last && localEntries > central.length ? localEntries * MIN_CENTRAL_RECORD - cdSize - MIN_CENTRAL_RECORD : 0;
    // An extra field holds at most 64 KiB: past ~1,400 entries left out, the padding falls short.
    const header = centralHeader(record, shortfall > 0 ? Math.min(shortfall, 60_000) : undefined);
    batch.push(header);
    batchBytes += header.length;
    cdSize += header.length;
    if (batchBytes >= 64 * 1024 || last) {
      yield Buffer.concat(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  yield endOfCentralDirectory(central.length, cdOffset, cdSize);
}
