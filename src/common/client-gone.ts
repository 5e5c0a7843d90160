import type { Response } from 'express';

/** Aborts once the response closes: work done for a client that left is wasted, so it stops. */
export function untilClientGone(res: Response): AbortSignal {
  const left = new AbortController();
  res.once('close', () => left.abort(new Error('the client went away')));
  return left.signal;
}
