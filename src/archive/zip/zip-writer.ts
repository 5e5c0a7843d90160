import type { Readable } from 'node:stream';
import { crc32 } from '@node-rs/crc32';
import {
  type CentralRecord,
  centralDirectoryHeader,
  dataDescriptor,
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
  /** Known ahead (a sealed layout): the local header carries it and no descriptor follows. */
  readonly crc32?: number;
  /** Called when the entry's turn comes, before its header is written. */
  open(): OpenedEntry | Promise<OpenedEntry>;
}

export interface OpenedEntry {
  readonly stream: Readable;
  /** The size the source announced on opening, when `size` was not known ahead. */
  readonly size?: number;
}

export class ZipEntryError extends Error {}

export interface StoredZipOptions {
  /**
   * Called when an entry fails; true leaves it out of the central directory and
   * goes on. Bytes already sent for it stay in the body, unreferenced, which
   * every reader ignores; a source that fails to open sends none.
   */
  readonly skip?: (entry: ZipEntrySource, error: unknown) => boolean;
  /** Called after each entry that made it into the archive. */
  readonly written?: (entry: ZipEntrySource, written: { size: number; crc32: number }) => void;
  /** Entries appended after the others (the cover sheet), built from what happened. */
  readonly trailer?: () => Iterable<ZipEntrySource>;
}

/**
 * Streams a stored (uncompressed) zip: a local header, the source's own chunks
 * passed through unchanged, a data descriptor, and at the end the central
 * directory. Sources are opened one at a time, when their turn comes.
 */
export async function* storedZip(
  entries: AsyncIterable<ZipEntrySource> | Iterable<ZipEntrySource>,
  options: StoredZipOptions = {},
): AsyncGenerator<Buffer> {
  const central: CentralRecord[] = [];
  const position = { offset: 0 };
  for await (const entry of entries) {
    try {
      const record = yield* storedEntry(entry, position);
      central.push(record);
      options.written?.(entry, { size: record.size, crc32: record.crc32 });
    } catch (err) {
      if (!options.skip?.(entry, err)) throw err;
    }
  }
  for (const entry of options.trailer?.() ?? []) central.push(yield* storedEntry(entry, position));
  yield* centralDirectory(central, position.offset);
}

async function* storedEntry(entry: ZipEntrySource, position: { offset: number }): AsyncGenerator<Buffer, CentralRecord> {
  // Opened before the header, so that a source failing to open leaves no bytes
  // behind, and a size learnt on opening can decide zip64.
  const opened = await entry.open();
  const expectedSize = entry.size ?? opened.size;
  const name = Buffer.from(entry.name, 'utf8');
  const utf8 = !/^[\x20-\x7e]*$/.test(entry.name);
  const known = entry.size !== undefined && entry.crc32 !== undefined ? { crc32: entry.crc32, compressedSize: entry.size, size: entry.size } : undefined;
  const zip64 = known === undefined && expectedSize !== undefined && expectedSize >= MAX_U32;
  const header = localFileHeader({ name, utf8, method: Method.Store, mtime: entry.mtime, known, zip64 });
  const start = position.offset;
  yield header;
  position.offset += header.length;

  let crc = 0;
  let size = 0;
  for await (const chunk of opened.stream) {
    const buf = chunk as Buffer;
    crc = crc32(buf, crc);
    size += buf.length;
    if (expectedSize !== undefined && size > expectedSize) throw new ZipEntryError(`${entry.name}: more than its ${expectedSize} bytes`);
    yield buf;
    position.offset += buf.length;
  }
  if (expectedSize !== undefined && size !== expectedSize) throw new ZipEntryError(`${entry.name}: ${size} of its ${expectedSize} bytes`);
  if (known && crc !== known.crc32) throw new ZipEntryError(`${entry.name}: CRC-32 differs from the known one`);
  if (!known && !zip64 && size >= MAX_U32) throw new ZipEntryError(`${entry.name}: over 4 GiB without a known size`);
  if (!known) {
    const descriptor = dataDescriptor(crc, size, size, zip64);
    yield descriptor;
    position.offset += descriptor.length;
  }
  return { name, utf8, method: Method.Store, mtime: entry.mtime, crc32: crc, compressedSize: size, size, offset: start, streamed: !known, zip64Local: zip64 || (known !== undefined && size >= MAX_U32) };
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
