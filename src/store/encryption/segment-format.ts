import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The layout of an encrypted stored file (README: "Encryption at rest"):
 *
 *   header (40 bytes) | segment 0 | segment 1 | … | segment n-1 (last)
 *
 * Each segment is AES-256-GCM over SEGMENT plaintext bytes (the last over
 * 1..SEGMENT, or 0 for an empty file) followed by its 16-byte tag, so the
 * ciphertext offset of any plaintext byte follows from arithmetic alone and a
 * range decrypts only the segments that cover it. The nonce of segment i is
 * the file's nonce prefix, i as 32 bits and a last-segment flag; the key is
 * derived per file from its data key and the header's salt; the associated
 * data is the header and the file id. Reordered, dropped, appended or
 * spliced segments therefore fail authentication.
 */
export const FORMAT_VERSION = 1;
export const SEGMENT = 64 * 1024;
export const TAG = 16;
export const HEADER = 40;
const MAGIC = Buffer.from('BSEG', 'latin1');
const SEGMENT_SHIFT = 16;
const KEY_CHECK = 8;
const SALT = 16;
const PREFIX = 7;

/** A file's parameters, as its header holds them. */
export interface SegmentHeader {
  /** Commits to the data key: a file read with another file's key is refused before any decryption. */
  readonly keyCheck: Buffer;
  readonly salt: Buffer;
  readonly noncePrefix: Buffer;
}

/** The ciphertext is not what was written for this file: tampered with, truncated, or another file's. */
export class IntegrityError extends Error {}

export function freshHeader(dataKey: Buffer, fileId: string): SegmentHeader {
  return { keyCheck: keyCheck(dataKey, fileId), salt: randomBytes(SALT), noncePrefix: randomBytes(PREFIX) };
}

export function encodeHeader(h: SegmentHeader): Buffer {
  const out = Buffer.alloc(HEADER);
  MAGIC.copy(out, 0);
  out[4] = FORMAT_VERSION;
  out[5] = SEGMENT_SHIFT;
  h.keyCheck.copy(out, 8);
  h.salt.copy(out, 8 + KEY_CHECK);
  h.noncePrefix.copy(out, 8 + KEY_CHECK + SALT);
  return out;
}

/** Parses and checks a header against the data key it is to be read with. */
export function decodeHeader(bytes: Buffer, dataKey: Buffer, fileId: string): SegmentHeader {
  if (bytes.length < HEADER || !bytes.subarray(0, 4).equals(MAGIC)) throw new IntegrityError('the file does not start with an encryption header');
  if (bytes[4] !== FORMAT_VERSION || bytes[5] !== SEGMENT_SHIFT) throw new IntegrityError(`unknown encryption format ${bytes[4]}/${bytes[5]}`);
  const h: SegmentHeader = {
    keyCheck: Buffer.from(bytes.subarray(8, 8 + KEY_CHECK)),
    salt: Buffer.from(bytes.subarray(8 + KEY_CHECK, 8 + KEY_CHECK + SALT)),
    noncePrefix: Buffer.from(bytes.subarray(8 + KEY_CHECK + SALT, 8 + KEY_CHECK + SALT + PREFIX)),
  };
  if (!timingSafeEqual(h.keyCheck, keyCheck(dataKey, fileId))) throw new IntegrityError('the ciphertext was not written for this file');
  return h;
}

/** What a segment's encryption needs: its key, and the associated data common to every segment. */
export interface SegmentKeys {
  readonly key: Buffer;
  readonly aad: Buffer;
  readonly noncePrefix: Buffer;
}

export function segmentKeys(dataKey: Buffer, fileId: string, header: SegmentHeader): SegmentKeys {
  const key = Buffer.from(hkdfSync('sha256', dataKey, header.salt, `bundlestream segments v1 ${fileId}`, 32));
  return { key, aad: Buffer.concat([encodeHeader(header), Buffer.from(fileId, 'utf8')]), noncePrefix: header.noncePrefix };
}

export function nonce(keys: SegmentKeys, index: number, last: boolean): Buffer {
  const out = Buffer.alloc(12);
  keys.noncePrefix.copy(out, 0);
  out.writeUInt32BE(index, PREFIX);
  out[11] = last ? 1 : 0;
  return out;
}

/** Segments of a file of `size` plaintext bytes: an empty file has one, empty. */
export function segmentCount(size: number): number {
  return Math.max(1, Math.ceil(size / SEGMENT));
}

export function ciphertextSize(size: number): number {
  return HEADER + size + segmentCount(size) * TAG;
}

/** Where segment `index` starts in the ciphertext. */
export function segmentOffset(index: number): number {
  return HEADER + index * (SEGMENT + TAG);
}

/** Plaintext bytes in segment `index` of a file of `size` bytes. */
export function segmentLength(index: number, size: number): number {
  return Math.min(SEGMENT, size - index * SEGMENT);
}

/** The segments that cover plaintext bytes `start`..`end`, and the ciphertext bytes they take. */
export function coveringSegments(start: number, end: number, size: number): { first: number; last: number; from: number; to: number } {
  const first = Math.floor(start / SEGMENT);
  const last = Math.floor(end / SEGMENT);
  return { first, last, from: segmentOffset(first), to: segmentOffset(last) + segmentLength(last, size) + TAG - 1 };
}

function keyCheck(dataKey: Buffer, fileId: string): Buffer {
  return createHmac('sha256', dataKey).update(`bundlestream key check v1 ${fileId}`).digest().subarray(0, KEY_CHECK);
}
