import type { Request } from 'express';

/** What a refused upload may still send, read and dropped so that its client sees the answer. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/**
 * Runs an upload; when it fails before the body was read to its end (a limit,
 * a digest, a full store), the rest of the body is read and dropped, up to
 * DISCARD_LIMIT, and the connection closed after the answer. A client still
 * sending would otherwise meet a reset instead of the problem.
 */
export async function answerWhole<T>(req: Request, upload: () => Promise<T>): Promise<T> {
  try {
    return await upload();
  } catch (err) {
    if (!req.complete && !req.destroyed) {
      req.res?.setHeader('Connection', 'close');
      let dropped = 0;
      req.on('data', (chunk: Buffer) => {
        dropped += chunk.length;
        if (dropped > DISCARD_LIMIT) req.destroy();
      });
      req.resume();
    }
    throw err;
  }
}
