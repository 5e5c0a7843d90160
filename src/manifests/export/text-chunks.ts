/**
 * Text encoded straight into chunks of about `size` bytes. A row is written as
 * soon as it is made, so the heap holds one row's string, never a chunk's worth
 * of them: a rope of 64 KiB of rows outlived young-generation collections, and
 * what survives them is what made V8 grow its heap through a million-row export.
 */
export class TextChunks {
  private chunk: Buffer;
  private at = 0;

  constructor(private readonly size = 64 * 1024) {
    this.chunk = Buffer.allocUnsafe(size);
  }

  /** Appends `text`; returns the chunk it filled, if it filled one (then `text` starts the next). */
  put(text: string): Buffer | undefined {
    // UTF-8 takes at most 3 bytes for each UTF-16 unit: most texts need no exact count.
    if (this.fits(text)) {
      this.at += this.chunk.write(text, this.at);
      return undefined;
    }
    const full = this.at > 0 ? this.rest() : undefined;
    if (!this.fits(text)) this.chunk = Buffer.allocUnsafe(Buffer.byteLength(text));
    this.at = this.chunk.write(text, 0);
    return full;
  }

  /** What was written since the last chunk was handed out (for the end of the text). */
  rest(): Buffer {
    const full = this.chunk.subarray(0, this.at);
    this.chunk = Buffer.allocUnsafe(this.size);
    this.at = 0;
    return full;
  }

  private fits(text: string): boolean {
    const room = this.chunk.length - this.at;
    return text.length * 3 <= room || Buffer.byteLength(text) <= room;
  }
}
