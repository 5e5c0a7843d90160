import { checked } from './checked-source.js';
import { LayoutMismatchError } from './layout-errors.js';
import { framedRange, sourceSpan } from './stored-blocks.js';
import { type PlannedEntry, plannedCentralHeader, plannedParts } from './zip-entry.js';
import { endOfCentralDirectory, SMALL_ENTRY_BYTES } from './zip-records.js';

export type { PlannedEntry } from './zip-entry.js';

/** An entry's shape: all its length depends on (its CRC-32 goes in fixed-width fields). */
export type EntryShape = Omit<PlannedEntry, 'crc32'>;

/**
 * A planned entry at its place, able to read any part of its source. Its CRC-32
 * may be unknown until the source has been read in full: then `checksum` finds
 * it, after the data was read (or by reading it) and before it is written.
 */
export interface PlacedSource extends EntryShape {
  readonly offset: number;
  readonly crc32: number | undefined;
  /** Bytes `from`..`to` (inclusive) of the source, exactly. */
  read(from: number, to: number): AsyncIterable<Buffer>;
  checksum?(): Promise<number>;
}

export interface LayoutFrame {
  readonly size: number;
  readonly entryCount: number;
  readonly centralOffset: number;
  readonly centralSize: number;
}

/** The bytes an entry takes in the zip: header, data and trailer (data descriptor). */
export function entryLength(entry: EntryShape, mtime: Date): number {
  const { header, dataLength, trailer } = plannedParts({ ...entry, crc32: 0 }, mtime);
  return header.length + dataLength + trailer.length;
}

/** Places entries one after another and sums up the zip they make: the same bytes zipStream writes for them. */
export class LayoutPlanner {
  private offset = 0;
  private centralSize = 0;
  private count = 0;

  constructor(private readonly mtime: Date) {}

  /** Where the next entry would start. */
  peek(): number {
    return this.offset;
  }

  /** Returns the offset of the entry's local header. */
  place(entry: PlannedEntry): number {
    const at = this.offset;
    this.offset += entryLength(entry, this.mtime);
    this.centralSize += plannedCentralHeader(entry, at, this.mtime).length;
    this.count += 1;
    return at;
  }

  frame(): LayoutFrame {
    const end = endOfCentralDirectory(this.count, this.offset, this.centralSize);
    return { size: this.offset + this.centralSize + end.length, entryCount: this.count, centralOffset: this.offset, centralSize: this.centralSize };
  }
}

export interface RangeIo {
  /** Takes back a source chunk that was copied rather than passed on. */
  readonly release?: (chunk: Buffer) => void;
  /** Told of a view into a source chunk that is not the last one taken from it. */
  readonly lend?: (view: Buffer) => void;
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
  io: RangeIo = {},
): AsyncGenerator<Buffer> {
  if (start < frame.centralOffset) {
    let next: number | undefined;
    for await (const entry of from) {
      if (entry.offset > end) break;
      // Entries must follow one another exactly: rows of another layout would not.
      if (next !== undefined && entry.offset !== next) throw new LayoutMismatchError(`${entry.name}: at ${entry.offset}, not ${next}`);
      next = entry.offset + entryLength(entry, mtime);
      if (next <= start) continue;
      const parts = entryParts(entry, mtime, start, end, io);
      if (Math.min(end + 1, next) - Math.max(start, entry.offset) <= SMALL_ENTRY_BYTES) yield await whole(parts, io);
      else yield* parts;
    }
  }
  if (end < frame.centralOffset) return;
  yield* centralRange(frame, mtime, start, end, all());
}

/** The part of one entry inside start..end: header, data (read from the source) and trailer, each sliced. */
async function* entryParts(entry: PlacedSource, mtime: Date, start: number, end: number, io: RangeIo): AsyncGenerator<Buffer> {
  const shape = plannedParts({ ...entry, crc32: entry.crc32 ?? 0 }, mtime);
  const { dataLength } = shape;
  // A part that carries the CRC-32 (a stored entry's header, a descriptor) waits for it, if it is inside the range.
  const withCrc = async (at: number, length: number) =>
    entry.crc32 === undefined && at <= end && at + length > start ? plannedParts({ ...entry, crc32: await checksum(entry) }, mtime) : shape;
  const header = entry.encoding === 'stored' ? (await withCrc(entry.offset, shape.header.length)).header : shape.header;
  const dataAt = entry.offset + header.length;
  yield* slice(header, entry.offset, start, end);
  const first = Math.max(start, dataAt) - dataAt;
  const last = Math.min(end, dataAt + dataLength - 1) - dataAt;
  if (first <= last) {
    const length = last - first + 1;
    let got = 0;
    for await (const chunk of entryData(entry, first, last, io)) {
      got += chunk.length;
      if (got > length) throw new LayoutMismatchError(`${entry.name}: more bytes than its layout holds`);
      yield chunk;
    }
    if (got !== length) throw new LayoutMismatchError(`${entry.name}: ${got} of ${length} bytes`);
  }
  const { trailer } = await withCrc(dataAt + dataLength, shape.trailer.length);
  yield* slice(trailer, dataAt + dataLength, start, end);
}

function checksum(entry: PlacedSource): Promise<number> {
  if (!entry.checksum) throw new LayoutMismatchError(`${entry.name}: no CRC-32, and no way to find it`);
  return entry.checksum();
}

/**
 * Data bytes `first`..`last` of an entry: the source's own, or framed as stored
 * blocks. A source read whole is checked against the entry's CRC-32 (when known).
 */
function entryData(entry: PlacedSource, first: number, last: number, io: RangeIo): AsyncIterable<Buffer> {
  const span = entry.encoding === 'stored' ? { start: first, end: last } : sourceSpan(entry.size, first, last);
  const whole = span?.start === 0 && span.end === entry.size - 1;
  const source = !span ? nothing() : whole ? checked(entry, entry.read(span.start, span.end)) : entry.read(span.start, span.end);
  if (entry.encoding === 'stored') return source;
  return framedRange(source, entry.size, first, last, { lend: io.lend });
}

/** A source with no bytes in the range. */
async function* nothing(): AsyncGenerator<Buffer> {}

/** The source bytes (inclusive) that zip bytes start..end read of an entry placed at `offset`; undefined when none. */
export function sourcePart(entry: PlannedEntry, offset: number, mtime: Date, start: number, end: number): { start: number; end: number } | undefined {
  const { header, dataLength } = plannedParts(entry, mtime);
  const dataAt = offset + header.length;
  const first = Math.max(start, dataAt) - dataAt;
  const last = Math.min(end, dataAt + dataLength - 1) - dataAt;
  if (first > last) return undefined;
  return entry.encoding === 'stored' ? { start: first, end: last } : sourceSpan(entry.size, first, last);
}

/** A small part of an entry as one buffer: one write instead of several. */
async function whole(parts: AsyncIterable<Buffer>, io: RangeIo): Promise<Buffer> {
  const views: Buffer[] = [];
  for await (const part of parts) views.push(part);
  // One copy; only then may the source buffers be reused.
  const out = Buffer.concat(views);
  for (const view of views) io.release?.(view);
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
    offset += entryLength(entry, mtime);
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
