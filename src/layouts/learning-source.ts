import { crc32 } from '@node-rs/crc32';
import { LayoutMismatchError } from '../archive/zip/layout-errors.js';

/**
 * A source whose CRC-32 is not known yet. A read of any part goes through the
 * whole source from its start, handing on only the part asked for, so the
 * CRC-32 is known once the read has ended; `checksum` reads whatever a read
 * left unread (all of it, if none ran). Each byte is read once.
 */
export class LearningSource {
  private crc = 0;
  private at = 0;
  private found: number | undefined;

  constructor(
    readonly size: number,
    /** The source from `start` to its end, pinned to the version it was placed from. */
    private readonly open: (start: number) => AsyncIterable<Buffer>,
    private readonly learnt: (crc: number) => void,
  ) {}

  /** Bytes `from`..`to` (inclusive); the rest of the source is read and only hashed. */
  async *read(from: number, to: number): AsyncGenerator<Buffer> {
    if (this.at > from) this.restart();
    for await (const chunk of this.rest()) {
      const chunkAt = this.take(chunk);
      const a = Math.max(0, from - chunkAt);
      const b = Math.min(chunk.length, to + 1 - chunkAt);
      if (a < b) yield a === 0 && b === chunk.length ? chunk : chunk.subarray(a, b);
    }
    this.end();
  }

  async checksum(): Promise<number> {
    if (this.found !== undefined) return this.found;
    for await (const chunk of this.rest()) this.take(chunk);
    return this.end();
  }

  private async *rest(): AsyncGenerator<Buffer> {
    if (this.at < this.size) yield* this.open(this.at);
  }

  private take(chunk: Buffer): number {
    const at = this.at;
    this.crc = crc32(chunk, this.crc);
    this.at += chunk.length;
    if (this.at > this.size) throw new LayoutMismatchError(`the source has more than the ${this.size} bytes it was placed with`);
    return at;
  }

  private end(): number {
    if (this.at !== this.size) throw new LayoutMismatchError(`the source ended at ${this.at} of ${this.size} bytes`);
    if (this.found === undefined) {
      this.found = this.crc;
      this.learnt(this.crc);
    }
    return this.found;
  }

  private restart(): void {
    this.crc = 0;
    this.at = 0;
    this.found = undefined;
  }
}
