import { framedSize } from './stored-blocks.js';
import { centralDirectoryHeader, dataDescriptor, encodeName, localFileHeader, MAX_U32, Method } from './zip-records.js';

/**
 * How an entry's data is written:
 * - `stored`: method 0, size and CRC-32 in the local header, no data descriptor.
 *   Only for data whose size and CRC-32 are known before its header is written.
 * - `blocks`: method 8 made of deflate stored blocks (the bytes as they are),
 *   then a data descriptor. Its length follows from the size alone.
 * - `deflate`: method 8 compressed by zlib, then a data descriptor.
 * Streaming readers (Java's ZipInputStream, Commons Compress) accept a data
 * descriptor only after method 8, which is why unknown data is never method 0.
 */
export type Encoding = 'stored' | 'blocks' | 'deflate';

/**
 * zlib's output for less input than this stays under 4 GiB (its worst case adds
 * ~0.03 %). Between this and 4 GiB the compressed size could land on either side,
 * and Java's streaming reader picks the descriptor's width from it, so such
 * entries are written as stored blocks, whose size is known.
 */
export const DEFLATE_SAFE_SIZE = Math.floor(MAX_U32 / 1.001) - 1024;

export function chooseEncoding(want: { readonly deflate: boolean; readonly crc32?: number }, size: number | undefined): Encoding {
  if (want.deflate) return size !== undefined && size > DEFLATE_SAFE_SIZE && size <= MAX_U32 ? 'blocks' : 'deflate';
  return size !== undefined && want.crc32 !== undefined ? 'stored' : 'blocks';
}

/**
 * Whether a descriptor carries 8-byte sizes, and the local header a zip64 field.
 * Java's streaming reader decides by the byte counts (over 0xFFFFFFFF), libarchive
 * by the local header's zip64 field, so both follow the counts, as known ahead.
 */
export function descriptorZip64(encoding: Encoding, size: number | undefined): boolean {
  if (size === undefined || encoding === 'stored') return false;
  return encoding === 'blocks' ? framedSize(size) > MAX_U32 : size > MAX_U32;
}

export interface EntryHead {
  readonly name: string;
  readonly mtime: Date;
  readonly encoding: Encoding;
  /** Known when the header is written: required for `stored`, decides zip64 otherwise. */
  readonly size?: number;
  readonly crc32?: number;
}

export function entryHeader(entry: EntryHead): Buffer {
  const { encoding, size } = entry;
  const method = encoding === 'stored' ? Method.Store : Method.Deflate;
  const known = encoding === 'stored' ? { crc32: entry.crc32 ?? 0, compressedSize: size ?? 0, size: size ?? 0 } : undefined;
  return localFileHeader({ ...encodeName(entry.name), method, mtime: entry.mtime, known, zip64: descriptorZip64(encoding, size) });
}

/** What ends an entry's data: a data descriptor, except after `stored` data. */
export function entryTrailer(encoding: Encoding, written: { crc32: number; compressedSize: number; size: number }): Buffer {
  if (encoding === 'stored') return EMPTY;
  return dataDescriptor(written.crc32, written.compressedSize, written.size, descriptorZip64(encoding, written.size));
}

export interface CentralEntry extends EntryHead {
  readonly crc32: number;
  readonly size: number;
  readonly compressedSize: number;
  readonly offset: number;
}

export function centralHeader(entry: CentralEntry, padding?: number): Buffer {
  const { encoding } = entry;
  return centralDirectoryHeader({
    ...encodeName(entry.name),
    method: encoding === 'stored' ? Method.Store : Method.Deflate,
    mtime: entry.mtime,
    crc32: entry.crc32,
    compressedSize: entry.compressedSize,
    size: entry.size,
    offset: entry.offset,
    streamed: encoding !== 'stored',
    zip64Local: encoding === 'stored' ? entry.size >= MAX_U32 : descriptorZip64(encoding, entry.size),
    padding,
  });
}

/** An entry whose every byte is known from its size and CRC-32: `stored` or `blocks`. */
export interface PlannedEntry {
  readonly name: string;
  readonly size: number;
  readonly crc32: number;
  readonly encoding: Exclude<Encoding, 'deflate'>;
}

/** A planned entry's parts: its header, the length of its data, its trailer. */
export function plannedParts(entry: PlannedEntry, mtime: Date): { header: Buffer; dataLength: number; trailer: Buffer } {
  const dataLength = entry.encoding === 'blocks' ? framedSize(entry.size) : entry.size;
  const head = { ...entry, mtime };
  return { header: entryHeader(head), dataLength, trailer: entryTrailer(entry.encoding, { crc32: entry.crc32, compressedSize: dataLength, size: entry.size }) };
}

export function plannedCentralHeader(entry: PlannedEntry, offset: number, mtime: Date): Buffer {
  const compressedSize = entry.encoding === 'blocks' ? framedSize(entry.size) : entry.size;
  return centralHeader({ ...entry, mtime, compressedSize, offset });
}

const EMPTY = Buffer.alloc(0);
