import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Requests that asked `Expect: 100-continue` and have not been told to send their body yet. */
const waiting = new WeakSet<IncomingMessage>();

/**
 * `Expect: 100-continue`, answered when the body is wanted. Node's own answer
 * goes out as soon as the headers are in, before credentials, sizes or quotas
 * were checked, so a refused upload was sent all the same (curl asks for any
 * body over 1 MiB). Here "100 Continue" goes out when the handler first reads
 * the body; a request answered without reading it gets only its final answer,
 * its client sends nothing, and Node closes the connection after that answer
 * (the body's bytes may still come: they cannot be taken for a request).
 * Set before the server listens.
 */
export function continueWhenRead(server: Server): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    waiting.add(req);
    const read = req._read;
    req._read = function readAfterContinue(size: number) {
      req._read = read;
      waiting.delete(req);
      // Read to be dropped after a final answer (Node does that itself): no 100 then.
      if (!res.headersSent) res.writeContinue();
      return read.call(this, size);
    };
    server.emit('request', req, res);
  });
}

/** Whether the client was never asked for the body it announced: nothing of it is on its way. */
export function bodyNotAskedFor(req: IncomingMessage): boolean {
  return waiting.has(req);
}
