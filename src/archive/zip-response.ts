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
  /** Bytes the socket may queue before the writer waits (see BodyWriterHooks.window). */
  window?(): number;
}

/** Status and headers beyond the zip's own: a known layout adds its length, ETag and range. */
export interface ZipFraming {
  readonly status: 200 | 206;
  readonly headers: Readonly<Record<string, string>>;
  /** Told of a failure after the headers (not of the client leaving). */
  readonly failed?: (err: unknown) => void;
}

/** Every zip answer's caching rule, 304s included (RFC 9110 §15.4.5). */
export const ZIP_CACHE_CONTROL = 'private, no-store';

const STREAMED: ZipFraming = { status: 200, headers: { 'Accept-Ranges': 'none' } };

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

  async send(res: Response, filename: string, body: ZipBody, framing: ZipFraming = STREAMED): Promise<void> {
    res.status(framing.status);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(filename));
    res.setHeader('Cache-Control', ZIP_CACHE_CONTROL);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(framing.headers)) res.setHeader(name, value);
    if (res.req.method === 'HEAD') {
      // Nothing was read yet: the generator has not started.
      body.stream.destroy();
      res.end();
      return;
    }
    res.flushHeaders();
    this.metrics.archiveStreams.inc();
    try {
      await writeBody(res, body.stream, {
        window: () => body.window?.() ?? 0,
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
      else {
        this.logger.warn({ err, filename }, 'download aborted');
        framing.failed?.(err);
      }
    } finally {
      this.metrics.archiveStreams.dec();
    }
  }
}
