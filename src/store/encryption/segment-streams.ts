import { createCipheriv, createDecipheriv } from 'node:crypto';
import { IntegrityError, nonce, SEGMENT, type SegmentKeys, segmentLength, TAG } from './segment-format.js';

export function sealSegment(keys: SegmentKeys, index: number, last: boolean, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', keys.key, nonce(keys, index, last)).setAAD(keys.aad);
  const out = Buffer.allocUnsafe(plaintext.length + TAG);
  const written = cipher.update(plaintext).copy(out, 0);
  cipher.final().copy(out, written);
  cipher.getAuthTag().copy(out, plaintext.length);
  return out;
}

function openSegment(keys: SegmentKeys, index: number, last: boolean, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', keys.key, nonce(keys, index, last)).setAAD(keys.aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
  } catch {
    throw new IntegrityError(`segment ${index} does not authenticate`);
  }
  return plaintext;
}

/**
 * Encrypts plaintext into segments, starting at segment `index` with the
 * `pending` bytes of it that came before. A whole segment is sealed only once
 * a byte beyond it arrives, because the last one must carry the last flag; so
 * 1..SEGMENT bytes (0 only for nothing at all) stay pending for `final`.
 */
export class SegmentSealer {
  private readonly buffer = Buffer.allocUnsafe(SEGMENT);
  private fill: number;

  constructor(
    private readonly keys: SegmentKeys,
    private index: number,
    pending: Buffer,
  ) {
    this.fill = pending.copy(this.buffer, 0);
  }

  /** The segment the pending bytes belong to. */
  get nextIndex(): number {
    return this.index;
  }

  /** The bytes not sealed yet (a view, valid until the next call). */
  get pending(): Buffer {
    return this.buffer.subarray(0, this.fill);
  }

  async *seal(body: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      let at = 0;
      while (at < chunk.length) {
        if (this.fill === SEGMENT) {
          yield sealSegment(this.keys, this.index, false, this.buffer);
          this.index += 1;
          this.fill = 0;
        }
        const copied = chunk.copy(this.buffer, this.fill, at);
        this.fill += copied;
        at += copied;
      }
    }
  }

  /** The last segment, from the pending bytes. */
  final(): Buffer {
    return sealSegment(this.keys, this.index, true, this.pending);
  }
}

/** What to decrypt: segments `first`..`last` of a file of `size` bytes, trimmed to plaintext `start`..`end`. */
export interface SegmentSpan {
  readonly size: number;
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Decrypts the ciphertext of a span of segments as it streams in; a segment's
 * plaintext leaves only once its tag checked. Ciphertext that ends early, or
 * (when the span reaches the file's last segment) goes on past it, fails.
 */
export async function* openSegments(keys: SegmentKeys, span: SegmentSpan, ciphertext: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const lastOfFile = Math.max(0, Math.ceil(span.size / SEGMENT) - 1);
  let index = span.first;
  let want = segmentLength(index, span.size) + TAG;
  let buffer = Buffer.allocUnsafe(want);
  let fill = 0;
  for await (const chunk of ciphertext) {
    let at = 0;
    while (at < chunk.length) {
      if (index > span.last) throw new IntegrityError('the ciphertext goes on past the file\'s last segment');
      let sealed: Buffer;
      if (fill === 0 && chunk.length - at >= want) {
        // A whole segment inside the chunk is opened where it lies.
        sealed = chunk.subarray(at, at + want);
        at += want;
      } else {
        const copied = chunk.copy(buffer, fill, at, at + Math.min(want - fill, chunk.length - at));
        fill += copied;
        at += copied;
        if (fill < want) continue;
        sealed = buffer;
      }
      const plaintext = openSegment(keys, index, index === lastOfFile, sealed);
      const from = index === span.first ? span.start - index * SEGMENT : 0;
      const to = index === span.last ? span.end - index * SEGMENT + 1 : plaintext.length;
      yield plaintext.subarray(from, to);
      index += 1;
      if (index <= span.last) {
        want = segmentLength(index, span.size) + TAG;
        if (buffer.length !== want) buffer = Buffer.allocUnsafe(want);
      }
      fill = 0;
    }
  }
  if (index <= span.last) throw new IntegrityError(`the ciphertext ends inside segment ${index}`);
}
