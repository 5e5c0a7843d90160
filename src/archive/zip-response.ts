import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { contentDisposition } from './content-disposition.js';

const logger = new Logger('ZipResponse');

/**
 * Sends a zip as it is made. Headers go out at once; afterwards a failure
 * destroys the socket, so no final chunk is sent and the client sees a failed
 * download, never a truncated zip that looks complete. Written with `pipeline`
 * rather than StreamableFile, whose default handler answers 400 or truncates.
 */
export async function sendZip(res: Response, filename: string, zip: Readable): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', contentDisposition(filename));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.flushHeaders();
  try {
    await pipeline(zip, res);
  } catch (err) {
    const clientGone = res.destroyed && !res.writableFinished && (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (clientGone) logger.log({ filename }, 'client went away; download stopped');
    else logger.warn({ err, filename }, 'download aborted');
    res.destroy();
  }
}
