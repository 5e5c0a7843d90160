import {
  centralDirectoryHeader,
  encodeName,
  endOfCentralDirectory,
  localFileHeader,
  MAX_U32,
  Method,
} from './zip-records.js';

/** A stored entry whose size and CRC-32 are known ahead. */
export interface PlannedEntry {
  readonly name: string;
  readonly size: number;
  readonly crc32: number;
}

/** A planned entry at its place, able to read any part of its data. */
export interface PlacedSource extends PlannedEntry {
  readonly offset: number;
  /** Bytes `from`..`to` (inclusive) of the entry's data, exactly. */
  read(from: number, to: number): AsyncIterable<Buffer>;
}

export interface LayoutFrame {
  readonly size: number;
  readonly entryCount: number;
  readonly centralOffset: number;
  readonly centralSize: number;
}

export class LayoutMismatchError extends Error {}

// As in zipStream: entries this small go out as one write with their header.
const SMALL_ENTRY_BYTES = 64 * 1024;

/**
 * The local header of a planned entry: sizes and CRC in place, no data
 * descriptor, so that every offset can be computed before a byte is read.
 * zipStream writes entries known ahead with the same header.
 */
export function plannedHeader(entry: PlannedEntry, mtime: Date): Buffer {
  const known = { crc32: entry.crc32, compressedSize: entry.size, size: entry.size };
  return localFileHeader({ ...encodeName(entry.name), method: Method.Store, mtime, known, zip64: false });
}

function plannedCentralHeader(entry: PlannedEntry, offset: number, mtime: Date): Buffer {
  return centralDirectoryHeader({
    ...encodeName(entry.name),
    method: Method.Store,
    mtime,
    crc32: entry.crc32,
    compressedSize: entry.size,
    size: entry.size,
    offset,
    streamed: false,
    zip64Local: entry.size >= MAX_U32,
  });
}

/** Places entries one after another and sums up the zip they make. */
export class LayoutPlanner {
  private offset = 0;
  private centralSize = 0;
  private count = 0;

  constructor(private readonly mtime: Date) {}

  /** Returns the offset of the entry's local header. */
  place(entry: PlannedEntry): number {
    const at = this.offset;
    this.offset += plannedHeader(entry, this.mtime).length + entry.size;
    this.centralSize += plannedCentralHeader(entry, at, this.mtime).length;
    this.count += 1;
    return at;
  }

  frame(): LayoutFrame {
    const end = endOfCentralDirectory(this.count, this.offset, this.centralSize);
    return { size: this.offset + this.centralSize + end.length, entryCount: this.count, centralOffset: this.offset, centralSize: this.centralSize };
  }
}

/**
 * Bytes `start`..`end` (inclusive) of a planned zip. `from` yields the entries
 * from the one holding `start` (earlier ones are skipped unread); `all` yields
 * every entry again for the central directory, which is made, not read, and
 * costs no source access. Each source is asked for exactly the part of its data
 * the range covers.
 */
export async function* layoutRange(
  frame: LayoutFrame,
  mtime: Date,
  start: number,
  end: number,
  from: AsyncIterable<PlacedSource>,
  all: () => AsyncIterable<PlannedEntry>,
  release: (chunk: Buffer) => void = () => undefined,
): AsyncGenerator<Buffer> {
  if (start < frame.centralOffset) {
    let next: number | undefined;
    for await (const entry of from) {
      if (entry.offset > end) break;
      // Entries must follow one another exactly: rows of another layout would not.
      if (next !== undefined && entry.offset !== next) throw new LayoutMismatchError(`${entry.name}: at ${entry.offset}, not ${next}`);
      const header = plannedHeader(entry, mtime);
      const dataAt = entry.offset + header.length;
      next = dataAt + entry.size;
      if (dataAt + entry.size <= start) continue;
      const head = [...slice(header, entry.offset, start, end)];
      const first = Math.max(start, dataAt) - dataAt;
      const last = Math.min(end, dataAt + entry.size - 1) - dataAt;
      if (first > last) {
        yield* head;
        continue;
      }
      const length = last - first + 1;
      if (length <= SMALL_ENTRY_BYTES) {
        yield await wholeEntry(entry, head[0], first, last, release);
        continue;
      }
      yield* head;
      let got = 0;
      for await (const chunk of entry.read(first, last)) {
        got += chunk.length;
        if (got > length) throw new LayoutMismatchError(`${entry.name}: more bytes than its layout holds`);
        yield chunk;
      }
      if (got !== length) throw new LayoutMismatchError(`${entry.name}: ${got} of ${length} bytes`);
    }
  }
  if (end < frame.centralOffset) return;
  yield* centralRange(frame, mtime, start, end, all());
}

/** A small entry's header part and data as one buffer: one write instead of two or more. */
async function wholeEntry(entry: PlacedSource, head: Buffer | undefined, first: number, last: number, release: (chunk: Buffer) => void): Promise<Buffer> {
  const headLength = head?.length ?? 0;
  const out = Buffer.allocUnsafe(headLength + last - first + 1);
  head?.copy(out, 0);
  let at = headLength;
  for await (const chunk of entry.read(first, last)) {
    if (at + chunk.length > out.length) throw new LayoutMismatchError(`${entry.name}: more bytes than its layout holds`);
    chunk.copy(out, at);
    at += chunk.length;
    release(chunk);
  }
  if (at !== out.length) throw new LayoutMismatchError(`${entry.name}: ${at - headLength} of ${out.length - headLength} bytes`);
  return out;
}

async function* centralRange(frame: LayoutFrame, mtime: Date, start: number, end: number, entries: AsyncIterable<PlannedEntry>): AsyncGenerator<Buffer> {
  let at = frame.centralOffset;
  let offset = 0;
  let count = 0;
  // Batched: one write per header would cost a syscall per entry.
  let batch: Buffer[] = [];
  let batchAt = at;
  let batchBytes = 0;
  for await (const entry of entries) {
    if (at > end) break;
    const header = plannedCentralHeader(entry, offset, mtime);
    offset += plannedHeader(entry, mtime).length + entry.size;
    count += 1;
    if (at + header.length > start) {
      if (batch.length === 0) batchAt = at;
      batch.push(header);
      batchBytes += header.length;
    }
    at += header.length;
    if (batchBytes >= 64 * 1024) {
      yield* slice(Buffer.concat(batch), batchAt, start, end);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) yield* slice(Buffer.concat(batch), batchAt, start, end);
  if (at > end) return;
  if (count !== frame.entryCount || offset !== frame.centralOffset || at !== frame.centralOffset + frame.centralSize) {
    throw new LayoutMismatchError('the entries no longer add up to the layout');
  }
  yield* slice(endOfCentralDirectory(count, frame.centralOffset, frame.centralSize), at, start, end);
}

/** The part of `buf` (which starts at `at`) inside start..end. */
function* slice(buf: Buffer, at: number, start: number, end: number): Generator<Buffer> {
  const from = Math.max(0, start - at);
  const to = Math.min(buf.length, end - at + 1);
  if (from < to) yield from === 0 && to === buf.length ? buf : buf.subarray(from, to);
}
