import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from '../metrics/metrics.js';
import { contentDisposition } from './content-disposition.js';

/**
 * Sends a zip as it is made. Headers go out at once; afterwards a failure
 * destroys the socket, so no final chunk is sent and the client sees a failed
 * download, never a truncated zip that looks complete. Written with `pipeline`
 * rather than StreamableFile, whose default handler answers 400 or truncates.
 */
@Injectable()
export class ZipResponder {
  private readonly logger = new Logger(ZipResponder.name);

  constructor(private readonly metrics: Metrics) {}

  async send(res: Response, filename: string, zip: Readable): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.flushHeaders();
    this.metrics.archiveStreams.inc();
    const done = pipeline(zip, res);
    // Counted beside the pipe, which already keeps the stream flowing and pauses it.
    zip.on('data', (chunk: Buffer) => this.metrics.archiveBytes.inc(chunk.length));
    try {
      await done;
      this.metrics.archiveDownloads.inc({ outcome: 'completed' });
    } catch (err) {
      const clientGone = res.destroyed && !res.writableFinished && (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
      this.metrics.archiveDownloads.inc({ outcome: clientGone ? 'client_gone' : 'aborted' });
      if (clientGone) this.logger.log({ filename }, 'client went away; download stopped');
      else this.logger.warn({ err, filename }, 'download aborted');
      res.destroy();
    } finally {
      this.metrics.archiveStreams.dec();
    }
  }
}

