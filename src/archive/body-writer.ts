import type { Readable } from 'node:stream';
import type { Response } from 'express';

export class ClientGone extends Error {}

export interface BodyWriterHooks {
  /** Takes back a chunk once the socket has written it (for reuse by the reader). */
  recycle(chunk: Buffer): void;
  /** Called for every chunk handed to the socket. */
  sent(bytes: number): void;
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
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (res.destroyed) throw new ClientGone('client went away');
      const more = res.write(chunk, (err) => err || hooks.recycle(chunk));
      hooks.sent(chunk.length);
      if (!more) await drained(res);
    }
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
