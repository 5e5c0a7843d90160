import type { Request } from 'express';
import { dropBody } from '../http/dropped-body.js';
import { bodyNotAskedFor } from '../http/expect-continue.js';

/**
 * Runs an upload; when it fails before the body was read to its end (a limit,
 * a digest, a full store), the rest of the body is read and dropped, up to
 * DROP_LIMIT, before the answer goes out, and the connection is closed
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
      await dropBody(req);
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
