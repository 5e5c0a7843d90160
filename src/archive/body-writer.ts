import type { Readable } from 'node:stream';
import type { Response } from 'express';

export class ClientGone extends Error {}

export interface BodyWriterHooks {
  /** Takes back a chunk once the socket has written it (for reuse by the reader). */
  recycle(chunk: Buffer): void;
  /** Called for every chunk handed to the socket. */
  sent(bytes: number): void;
  /**
   * Bytes the socket may queue before the writer waits for it to drain: one read's
   * worth, so that the views a zip cuts from one read buffer (block framing) go out
   * together, holding no memory that read does not hold already. 0 waits at once.
   */
  window?(): number;
}

/**
 * Writes a stream to a response with backpressure, by hand rather than with
 * `pipeline`, because each chunk's write callback hands its buffer back for reuse.
 * Rejects with ClientGone when the client leaves (the stream is destroyed at once,
 * not at its next chunk), or with the stream's own error. On any failure both the
 * stream and the socket are destroyed, so that a failure after the headers is never
 * a clean end (no final chunk is sent).
 */
export async function writeBody(res: Response, stream: Readable, hooks: BodyWriterHooks): Promise<void> {
  const onClose = () => {
    if (!res.writableFinished) stream.destroy(new ClientGone('client went away'));
  };
  res.once('close', onClose);
  // Chunks produced before the event loop next polls for I/O leave in one writev:
  // a zip's small pieces (headers, block framing, descriptors) each cross a tick,
  // and Node's own cork lasts one tick only, so without this each was a syscall.
  // The socket is corked, not the response: a chunked response's own cork wrote
  // each piece with a write of its own (seen on Node 24).
  let corked: Response['socket'] = null;
  const uncork = () => {
    corked?.uncork();
    corked = null;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (res.destroyed) throw new ClientGone('client went away');
      if (!corked && res.socket) {
        corked = res.socket;
        corked.cork();
        setImmediate(uncork);
      }
      const more = res.write(chunk, (err) => err || hooks.recycle(chunk));
      hooks.sent(chunk.length);
      if (!more && res.writableLength >= (hooks.window?.() ?? 0)) await drained(res);
    }
    uncork();
    await new Promise<void>((resolve, reject) => res.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    const clientGone = res.destroyed && !res.writableFinished;
    stream.destroy();
    res.destroy();
    throw clientGone ? new ClientGone('client went away', { cause: err }) : err;
  } finally {
    res.off('close', onClose);
  }
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ClientGone('client went away'));
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
