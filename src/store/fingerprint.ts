import { createHash, type Hash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { crc32 } from '@node-rs/crc32';

/**
 * Size, CRC-32 and SHA-256 of bytes as they pass. The CRC-32 continues from a
 * stored value; a SHA-256 state cannot be stored, so a fingerprint resumed
 * without its running hash has none (see UploadsService.finish).
 */
export class Fingerprint {
  private constructor(
    public size: number,
    public crc32: number,
    private hash: Hash | undefined,
  ) {}

  static fresh(): Fingerprint {
    return new Fingerprint(0, 0, createHash('sha256'));
  }

  /** Continues a fingerprint of `size` bytes; `hash` is the running SHA-256 of exactly those bytes, if this process still has it. */
  static resumed(size: number, crc: number, hash: Hash | undefined): Fingerprint {
    return new Fingerprint(size, crc, hash);
  }

  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.crc32 = crc32(chunk, this.crc32);
    this.hash?.update(chunk);
  }

  /** An independent copy: a request whose bytes may be refused works on one. */
  copy(): Fingerprint {
    return new Fingerprint(this.size, this.crc32, this.hash?.copy());
  }

  /** The running hash, to be kept for the next request of a resumable upload. */
  runningHash(): Hash | undefined {
    return this.hash;
  }

  /** The SHA-256, if every byte went through this fingerprint; ends it. */
  sha256(): Buffer | undefined {
    const digest = this.hash?.digest();
    this.hash = undefined;
    return digest;
  }
}

const HASHED_PER_TURN = 256 * 1024;

/** More bytes than a limit allows. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

/**
 * Passes `source` through, fingerprinting it, and fails once more than `limit`
 * bytes have passed. Hashing is the upload's main cost on the event loop, and
 * a socket gives many chunks in one turn of it: each upload hashes at most
 * HASHED_PER_TURN bytes a turn, so that 50 uploads at once do not hold other requests for tens of ms.
 */
export async function* metered(source: AsyncIterable<Buffer>, fingerprint: Fingerprint, limit: number): AsyncGenerator<Buffer> {
  let sinceTurn = 0;
  for await (const chunk of source) {
    if (fingerprint.size + chunk.length > limit) throw new TooLargeError(limit);
    if ((sinceTurn += chunk.length) >= HASHED_PER_TURN) {
      sinceTurn = 0;
      await setImmediate();
    }
    fingerprint.update(chunk);
    yield chunk;
  }
}

/**
 * `source` until it ends or breaks off: a resumable upload keeps what arrived
 * before a connection dropped. `interrupted` tells which happened.
 */
export function untilInterrupted(source: AsyncIterable<Buffer>): { readonly body: AsyncIterable<Buffer>; readonly interrupted: () => boolean } {
  let broken = false;
  async function* body(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source) yield chunk;
    } catch {
      broken = true;
    }
  }
  return { body: body(), interrupted: () => broken };
}
