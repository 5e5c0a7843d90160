// Encoders for the ZIP records we emit (APPNOTE 6.3.x), store and deflate methods,
// zip64 only where a field overflows. The one place where the format is written.

export const MAX_U32 = 0xffffffff;
export const MAX_U16 = 0xffff;
/**
 * An entry (or the part of one a range covers) this small goes out as one chunk,
 * header and descriptor included: a write per part was a tenth of the time spent
 * on bundles of small files.
 */
export const SMALL_ENTRY_BYTES = 64 * 1024;
const FLAG_DATA_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const VERSION_DEFAULT = 20;
const VERSION_ZIP64 = 45;
const MADE_BY_UNIX = 3 << 8;
const REGULAR_FILE_MODE = 0o100644;

export const enum Method {
  Store = 0,
  Deflate = 8,
}

export interface EntryHeader {
  readonly name: Buffer;
  readonly utf8: boolean;
  readonly method: Method;
  readonly mtime: Date;
  /** Known ahead: written in the local header and no data descriptor follows. */
  readonly known?: { readonly crc32: number; readonly compressedSize: number; readonly size: number };
  /** A streamed entry that may pass 4 GiB: the descriptor then carries 8-byte sizes. */
  readonly zip64: boolean;
}

export interface CentralRecord {
  readonly name: Buffer;
  readonly utf8: boolean;
  readonly method: Method;
  readonly mtime: Date;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
  readonly streamed: boolean;
  readonly zip64Local: boolean;
  /** Bytes of an ignorable extra field (see paddingExtra). */
  readonly padding?: number;
}

/** A name's bytes, and whether they need the UTF-8 flag (anything beyond printable ASCII). */
export function encodeName(name: string): { name: Buffer; utf8: boolean } {
  return { name: Buffer.from(name, 'utf8'), utf8: !/^[\x20-\x7e]*$/.test(name) };
}

/** DOS date and time, from the UTC fields so that output does not depend on the server's zone. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function flags(utf8: boolean, streamed: boolean): number {
  return (utf8 ? FLAG_UTF8 : 0) | (streamed ? FLAG_DATA_DESCRIPTOR : 0);
}

export function localFileHeader(entry: EntryHeader): Buffer {
  const known = entry.known;
  const zip64 = entry.zip64 || (known !== undefined && (known.size >= MAX_U32 || known.compressedSize >= MAX_U32));
  const extra = Buffer.concat([zip64 ? zip64Extra([known?.size ?? 0, known?.compressedSize ?? 0]) : EMPTY, timestampExtra(entry.mtime)]);
  const header = Buffer.alloc(30);
  const { time, date } = dosDateTime(entry.mtime);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
  header.writeUInt16LE(flags(entry.utf8, known === undefined), 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(known?.crc32 ?? 0, 14);
  header.writeUInt32LE(zip64 ? MAX_U32 : (known?.compressedSize ?? 0), 18);
  header.writeUInt32LE(zip64 ? MAX_U32 : (known?.size ?? 0), 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, entry.name, extra]);
}

export function dataDescriptor(crc32: number, compressedSize: number, size: number, zip64: boolean): Buffer {
  const out = Buffer.alloc(zip64 ? 24 : 16);
  out.writeUInt32LE(0x08074b50, 0);
  out.writeUInt32LE(crc32, 4);
  if (zip64) {
    out.writeBigUInt64LE(BigInt(compressedSize), 8);
    out.writeBigUInt64LE(BigInt(size), 16);
  } else {
    out.writeUInt32LE(compressedSize, 8);
    out.writeUInt32LE(size, 12);
  }
  return out;
}

export function centralDirectoryHeader(r: CentralRecord): Buffer {
  // Only the fields that overflow go into the zip64 extra, in the order APPNOTE fixes.
  const overflow: number[] = [];
  if (r.size >= MAX_U32) overflow.push(r.size);
  if (r.compressedSize >= MAX_U32) overflow.push(r.compressedSize);
  if (r.offset >= MAX_U32) overflow.push(r.offset);
  const zip64 = overflow.length > 0 || r.zip64Local;
  const extra = Buffer.concat([overflow.length > 0 ? zip64Extra(overflow) : EMPTY, timestampExtra(r.mtime), r.padding ? paddingExtra(r.padding) : EMPTY]);
  const header = Buffer.alloc(46);
  const { time, date } = dosDateTime(r.mtime);
  const version = zip64 ? VERSION_ZIP64 : VERSION_DEFAULT;
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX | version, 4);
  header.writeUInt16LE(version, 6);
  header.writeUInt16LE(flags(r.utf8, r.streamed), 8);
  header.writeUInt16LE(r.method, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(r.crc32, 16);
  header.writeUInt32LE(Math.min(r.compressedSize, MAX_U32), 20);
  header.writeUInt32LE(Math.min(r.size, MAX_U32), 24);
  header.writeUInt16LE(r.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt16LE(0, 32); // comment length
  header.writeUInt16LE(0, 34); // disk number start
  header.writeUInt16LE(0, 36); // internal attributes
  header.writeUInt32LE((REGULAR_FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(Math.min(r.offset, MAX_U32), 42);
  return Buffer.concat([header, r.name, extra]);
}

/** The end records; zip64 ones only when the count, size or offset overflows. */
export function endOfCentralDirectory(entries: number, cdOffset: number, cdSize: number): Buffer {
  const zip64 = entries >= MAX_U16 || cdOffset >= MAX_U32 || cdSize >= MAX_U32;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Math.min(entries, MAX_U16), 8);
  eocd.writeUInt16LE(Math.min(entries, MAX_U16), 10);
  eocd.writeUInt32LE(Math.min(cdSize, MAX_U32), 12);
  eocd.writeUInt32LE(Math.min(cdOffset, MAX_U32), 16);
  if (!zip64) return eocd;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // size of the rest of this record
  record.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  record.writeBigUInt64LE(BigInt(entries), 24);
  record.writeBigUInt64LE(BigInt(entries), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, eocd]);
}

const EMPTY = Buffer.alloc(0);

/**
 * The extended-timestamp field (0x5455, modification time only, as Info-ZIP
 * writes it): Unix seconds in UTC, so that readers set the right time in any
 * zone. The DOS fields hold UTC too, for readers that know only those.
 */
function timestampExtra(mtime: Date): Buffer {
  const extra = Buffer.alloc(9);
  extra.writeUInt16LE(0x5455, 0);
  extra.writeUInt16LE(5, 2);
  extra.writeUInt8(1, 4);
  extra.writeInt32LE(Math.min(Math.max(Math.floor(mtime.getTime() / 1000), 0), 0x7fffffff), 5);
  return extra;
}

/** An extra field no reader knows, of `length` bytes in all (at least 4): room that readers step over. */
function paddingExtra(length: number): Buffer {
  const extra = Buffer.alloc(Math.max(4, length));
  extra.writeUInt16LE(0x7070, 0);
  extra.writeUInt16LE(extra.length - 4, 2);
  return extra;
}

function zip64Extra(values: readonly number[]): Buffer {
  const extra = Buffer.alloc(4 + values.length * 8);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(values.length * 8, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + i * 8));
  return extra;
}
