import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from '../metrics/metrics.js';
import { contentDisposition } from './content-disposition.js';

/** A zip being made, and where its chunks go once the socket has written them. */
export interface ZipBody {
  readonly stream: Readable;
  recycle(chunk: Buffer): void;
}

class ClientGone extends Error {}

/**
 * Sends a zip as it is made. Headers go out at once; afterwards a failure
 * destroys the socket, so no final chunk is sent and the client sees a failed
 * download, never a truncated zip that looks complete. Written by hand rather
 * than with StreamableFile (whose default handler answers 400 or truncates) or
 * `pipeline`, because each chunk's write callback hands its buffer back for reuse.
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
      await this.write(res, body);
      this.metrics.archiveDownloads.inc({ outcome: 'completed' });
    } catch (err) {
      const clientGone = err instanceof ClientGone;
      this.metrics.archiveDownloads.inc({ outcome: clientGone ? 'client_gone' : 'aborted' });
      if (clientGone) this.logger.log({ filename }, 'client went away; download stopped');
      else this.logger.warn({ err, filename }, 'download aborted');
      body.stream.destroy();
      res.destroy();
    } finally {
      this.metrics.archiveStreams.dec();
    }
  }

  private async write(res: Response, { stream, recycle }: ZipBody): Promise<void> {
    // A client leaving while a source is slow must stop the sources now, not at the next chunk.
    const onClose = () => {
      if (!res.writableFinished) stream.destroy(new ClientGone('client went away'));
    };
    res.once('close', onClose);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (res.destroyed) throw new ClientGone('client went away');
        const more = res.write(chunk, (err) => err || recycle(chunk));
        this.metrics.archiveBytes.inc(chunk.length);
        if (!more) await drained(res);
      }
      await new Promise<void>((resolve, reject) => res.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      throw res.destroyed && !res.writableFinished ? new ClientGone('client went away', { cause: err }) : err;
    } finally {
      res.off('close', onClose);
    }
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
