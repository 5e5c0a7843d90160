import type { IncomingMessage } from 'node:http';

/** What a refused request may still send, read and dropped so that its client sees the answer. */
export const DROP_LIMIT = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a request's body. Resolves once it has ended (or
 * the request closed), or once more than DROP_LIMIT came, the request then
 * destroyed with its connection.
 */
export function dropBody(req: IncomingMessage): Promise<void> {
  return new Promise<void>((resolve) => {
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped <= DROP_LIMIT) return;
      req.destroy();
      resolve();
    });
    req.once('end', resolve).once('close', resolve).once('error', () => resolve());
    req.resume();
  });
}
