import type { Request } from 'express';
import { bodyNotAskedFor } from '../http/expect-continue.js';

/** What a refused upload may still send, read and dropped so that its client sees the answer. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/**
 * Runs an upload; when it fails before the body was read to its end (a limit,
 * a digest, a full store), the rest of the body is read and dropped, up to
 * DISCARD_LIMIT, before the answer goes out, and the connection is closed
 * after it. Answering first would close the socket under a client still
 * sending, which then sees a reset instead of the problem. A client that
 * waits for "100 Continue" before sending was never asked: it gets the answer
 * at once, and its body stays where it is.
 */
export async function answerWhole<T>(req: Request, upload: () => Promise<T>): Promise<T> {
  try {
    return await upload();
  } catch (err) {
    if (!req.complete && !req.destroyed && !bodyNotAskedFor(req)) {
      req.res?.setHeader('Connection', 'close');
      await new Promise<void>((resolve) => {
        let dropped = 0;
        req.on('data', (chunk: Buffer) => {
          dropped += chunk.length;
          if (dropped <= DISCARD_LIMIT) return;
          req.destroy();
          resolve();
        });
        req.once('end', resolve).once('close', resolve).once('error', () => resolve());
        req.resume();
      });
    }
    throw err;
  }
}

/**
 * The request's body, read without ending the request when the reader stops
 * early (a limit, a failed store): a plain `for await` over the request would
 * destroy it, and with it a keep-alive socket the answer may already be on.
 */
export function bodyOf(req: Request): AsyncIterable<Buffer> {
  return { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer> };
}
