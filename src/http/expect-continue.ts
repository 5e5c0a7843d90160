import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dropBody } from './dropped-body.js';

/** Requests that asked `Expect: 100-continue` and have not been told to send their body yet. */
const waiting = new WeakSet<IncomingMessage>();

/**
 * `Expect: 100-continue`, answered when the body is wanted. Node's own answer
 * goes out as soon as the headers are in, before credentials, sizes or quotas
 * were checked, so a refused upload was sent all the same (curl asks for any
 * body over 1 MiB). Here "100 Continue" goes out when the handler first reads
 * the body. A request answered without reading it gets only its final answer,
 * with `Connection: close` (Node's): a client that waits sends nothing. One
 * that did not wait (or waited less than the answer took) is still sending:
 * its body is read and dropped, up to DROP_LIMIT, before the connection
 * closes, so that it reads the answer rather than a reset.
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
    // Before Node's own 'finish' listener, which closes the connection at once.
    res.prependOnceListener('finish', () => {
      if (waiting.has(req) && !req.complete) closeAfterBody(req.socket, req);
    });
    server.emit('request', req, res);
  });
}

/**
 * Node ends the connection with `destroySoon()` in its own 'finish' listener,
 * next in line: this once, only after the body was dropped.
 */
function closeAfterBody(socket: Socket, req: IncomingMessage): void {
  const destroySoon = socket.destroySoon;
  process.nextTick(() => (socket.destroySoon = destroySoon));
  socket.destroySoon = function closeWhenDropped() {
    socket.end();
    // A client that sends nothing more is closed by the idle timeout, or closes first.
    void dropBody(req).then(() => socket.destroy());
  };
}

/** Whether the client was never asked for the body it announced: nothing of it is on its way. */
export function bodyNotAskedFor(req: IncomingMessage): boolean {
  return waiting.has(req);
}
