import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GeneratorReadable } from '../common/generator-readable.js';

/**
 * Reads bytes `start`..`end` (inclusive) of an open file into buffers from
 * `allocate`, one read per buffer, so that the caller decides read sizes and can
 * reuse memory. The handle is closed when the stream ends or is destroyed, even
 * before its first read.
 */
export function fileChunks(handle: FileHandle, start: number, end: number, allocate: () => Buffer): Readable {
  let closing: Promise<void> | undefined;
  // FileHandle.close waits for a read in flight, so closing on destroy is safe.
  const close = () => (closing ??= handle.close().catch(() => undefined));
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      let position = start;
      // Up to the size known from the stat: no extra read to find the end of the file.
      while (position <= end) {
        const buffer = allocate();
        const want = Math.min(buffer.length, end - position + 1);
        const { bytesRead } = await handle.read(buffer, 0, want, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      }
    } finally {
      await close();
    }
  }
  return new GeneratorReadable(chunks(), () => void close());
}
