import { pipeline, Readable } from 'node:stream';
import { constants as zlibConstants, createDeflateRaw } from 'node:zlib';
import { crc32 } from '@node-rs/crc32';
import {
  type CentralRecord,
  centralDirectoryHeader,
  dataDescriptor,
  encodeName,
  endOfCentralDirectory,
  localFileHeader,
  MAX_U32,
  Method,
} from './zip-records.js';

export interface ZipEntrySource {
  /** A normalised entry name (see entry-name.ts). */
  readonly name: string;
  readonly mtime: Date;
  /** Bytes the source will deliver, when known ahead: decides zip64 and is verified. */
  readonly size?: number;
  /** Known ahead (a sealed layout): a stored entry's local header carries it and no descriptor follows. */
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

export interface ZipStreamOptions {
  /** zlib level for entries marked `deflate` (1–9). */
  readonly deflateLevel?: number;
  /**
   * Called when an entry fails; true leaves it out of the central directory and
   * goes on. Bytes already sent for it stay in the body, unreferenced, which
   * every reader ignores; a source that fails to open sends none.
   */
  readonly skip?: (entry: ZipEntrySource, error: unknown) => boolean;
  /** Called after each entry that made it into the archive. */
  readonly written?: (entry: ZipEntrySource, written: WrittenEntry) => void;
  /** Entries appended after the others (the cover sheet), built from what happened. */
  readonly trailer?: () => Iterable<ZipEntrySource>;
  /** Takes back a source chunk that was copied rather than passed on (see SMALL_ENTRY_BYTES). */
  readonly release?: (chunk: Buffer) => void;
}

// Deflate can grow incompressible input by ~5 bytes per 16 KiB block; entries that
// might cross 4 GiB once compressed get zip64 sizes in their descriptor.
const DEFLATE_ZIP64_THRESHOLD = Math.floor(MAX_U32 / 1.001) - 1024;
// A stored entry this small goes out as one chunk (header, data and descriptor):
// three writes per file were a tenth of the time spent on bundles of small files.
const SMALL_ENTRY_BYTES = 64 * 1024;

/**
 * Streams a zip: per entry a local header, the data (the source's own chunks
 * when stored, zlib's output when deflated), a data descriptor unless the CRC
 * was known ahead, and at the end the central directory. Sources are opened
 * one at a time, when their turn comes.
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>,
  options: ZipStreamOptions = {},
): AsyncGenerator<Buffer> {
  const central: CentralRecord[] = [];
  const position = { offset: 0 };
  const level = options.deflateLevel ?? zlibConstants.Z_DEFAULT_COMPRESSION;
  const release = options.release ?? (() => undefined);
  for await (const entry of entries) {
    try {
      const record = yield* writeEntry(entry, position, level, release);
      central.push(record);
      options.written?.(entry, record);
    } catch (err) {
      if (!options.skip?.(entry, err)) throw err;
    }
  }
  for (const entry of options.trailer?.() ?? []) central.push(yield* writeEntry(entry, position, level, release));
  yield* centralDirectory(central, position.offset);
}

async function* writeEntry(entry: ZipEntrySource, position: { offset: number }, level: number, release: (chunk: Buffer) => void): AsyncGenerator<Buffer, CentralRecord> {
  // Opened before the header, so that a source failing to open leaves no bytes
  // behind, and a size learnt on opening can decide zip64.
  const opened = await entry.open();
  const expectedSize = entry.size ?? opened.size;
  const { name, utf8 } = encodeName(entry.name);
  const method = entry.deflate ? Method.Deflate : Method.Store;
  const known =
    method === Method.Store && entry.size !== undefined && entry.crc32 !== undefined ? { crc32: entry.crc32, compressedSize: entry.size, size: entry.size } : undefined;
  const zip64 = known === undefined && expectedSize !== undefined && expectedSize >= (entry.deflate ? DEFLATE_ZIP64_THRESHOLD : MAX_U32);
  const header = localFileHeader({ name, utf8, method, mtime: entry.mtime, known, zip64 });
  const start = position.offset;
  // A small entry is held and sent whole at its end (a failure then sends nothing of it).
  const held = !entry.deflate && expectedSize !== undefined && expectedSize <= SMALL_ENTRY_BYTES ? ([] as Buffer[]) : undefined;
  const send = function* (chunk: Buffer) {
    if (held) held.push(chunk);
    else {
      yield chunk;
      position.offset += chunk.length;
    }
  };
  yield* send(header);

  const counted = { crc: 0, size: 0 };
  const data = countingSource(opened.stream, counted, entry.name, expectedSize);
  let compressedSize = 0;
  for await (const chunk of entry.deflate ? deflated(data, level) : data) {
    compressedSize += chunk.length;
    if (held) {
      held.push(Buffer.from(chunk));
      release(chunk);
    } else yield* send(chunk);
  }
  const { crc, size } = counted;
  if (expectedSize !== undefined && size !== expectedSize) throw new ZipEntryError(`${entry.name}: ${size} of its ${expectedSize} bytes`);
  if (known && crc !== known.crc32) throw new ZipEntryError(`${entry.name}: CRC-32 differs from the known one`);
  if (!known && !zip64 && (size >= MAX_U32 || compressedSize >= MAX_U32)) throw new ZipEntryError(`${entry.name}: over 4 GiB without a known size`);
  if (!known) {
    yield* send(dataDescriptor(crc, compressedSize, size, zip64));
  }
  if (held) {
    const whole = Buffer.concat(held);
    yield whole;
    position.offset += whole.length;
  }
  const zip64Local = zip64 || (known !== undefined && size >= MAX_U32);
  return { name, utf8, method, mtime: entry.mtime, crc32: crc, compressedSize, size, offset: start, streamed: !known, zip64Local };
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

async function* centralDirectory(central: readonly CentralRecord[], cdOffset: number): AsyncGenerator<Buffer> {
  let cdSize = 0;
  // Written in batches: one write per record would cost a syscall per entry.
  let batch: Buffer[] = [];
  let batchBytes = 0;
  for (const record of central) {
    const header = centralDirectoryHeader(record);
    batch.push(header);
    batchBytes += header.length;
    cdSize += header.length;
    if (batchBytes >= 64 * 1024) {
      yield Buffer.concat(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch);
  yield endOfCentralDirectory(central.length, cdOffset, cdSize);
}
