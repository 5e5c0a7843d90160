import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from '../metrics/metrics.js';
import { ClientGone, writeBody } from './body-writer.js';
import { contentDisposition } from './content-disposition.js';

/** A zip being made, and the read pace it follows: told what was sent, given back what was written. */
export interface ZipBody {
  readonly stream: Readable;
  recycle(chunk: Buffer): void;
  sent(bytes: number): void;
}

/**
 * Sends a zip as it is made. Headers go out at once; afterwards a failure
 * destroys the socket, so no final chunk is sent and the client sees a failed
 * download, never a truncated zip that looks complete. Not StreamableFile, whose
 * default handler answers 400 or truncates: see writeBody.
 */
@Injectable()
export class ZipResponder {
  private readonly logger = new Logger(ZipResponder.name);

  constructor(private readonly metrics: Metrics) {}

  async send(res: Response, filename: string, body: ZipBody): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.flushHeaders();
    this.metrics.archiveStreams.inc();
    try {
      await writeBody(res, body.stream, {
        recycle: (chunk) => body.recycle(chunk),
        sent: (bytes) => {
          body.sent(bytes);
          this.metrics.archiveBytes.inc(bytes);
        },
      });
      this.metrics.archiveDownloads.inc({ outcome: 'completed' });
    } catch (err) {
      const clientGone = err instanceof ClientGone;
      this.metrics.archiveDownloads.inc({ outcome: clientGone ? 'client_gone' : 'aborted' });
      if (clientGone) this.logger.log({ filename }, 'client went away; download stopped');
      else this.logger.warn({ err, filename }, 'download aborted');
    } finally {
      this.metrics.archiveStreams.dec();
    }
  }
}
