import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../problems/domain-error.js';
import { ReadPace } from '../storage/read-pace.js';
import { ReadBudget } from '../storage/read-budget.js';
import { Storage } from '../storage/storage.js';
import type { SourceStat } from '../storage/storage-provider.js';
import { ClientGone, writeBody } from './body-writer.js';
import { decideRange, notModified } from './byte-range.js';
import { contentDisposition } from './content-disposition.js';
import { StreamLimiter } from './stream-limiter.js';

/**
 * One source served as itself (GET and HEAD): its type, length, version and
 * byte ranges come from its stat, and a range is read from the source as a
 * range, so a 10 GB file costs a few reused read buffers per request.
 */
@Injectable()
export class SourceFileResponder {
  private readonly logger = new Logger(SourceFileResponder.name);

  constructor(
    private readonly storage: Storage,
    private readonly limiter: StreamLimiter,
    private readonly budget: ReadBudget,
  ) {}

  async send(req: Request, res: Response, src: string, name: string, source: SourceStat): Promise<void> {
    const size = source.size;
    const range =
      size === undefined ? ({ kind: 'full' } as const) : decideRange(req.header('range'), req.header('if-range'), { size, etag: source.etag, lastModified: source.lastModified });
    if (range.kind === 'unsatisfiable') {
      throw new DomainError('RANGE_NOT_SATISFIABLE', `The file has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    if (source.etag) res.setHeader('ETag', source.etag);
    if (source.lastModified) res.setHeader('Last-Modified', source.lastModified.toUTCString());
    res.setHeader('Cache-Control', 'private, no-cache');
    if (notModified(req.header('if-none-match'), source.etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', source.contentType ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', contentDisposition(name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Served from the API's origin: whatever a file holds, a browser must not run it there.
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    if (size !== undefined) res.setHeader('Accept-Ranges', 'bytes');
    if (range.kind === 'partial') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      if (size !== undefined) res.setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }

    const release = this.limiter.acquire(undefined);
    const pace = new ReadPace(this.budget);
    // Pinned to the version just stat'ed: a source that changes mid-way fails the response, never splices.
    const body = this.storage.open(src, {
      ...(range.kind === 'partial' ? { start: range.start, end: range.end } : {}),
      etag: source.etag,
      size,
      pace,
    });
    try {
      await writeBody(res, body, { recycle: (chunk) => pace.recycle(chunk), sent: (bytes) => pace.delivered(bytes) });
    } catch (err) {
      if (!(err instanceof ClientGone)) this.logger.warn({ err, src }, 'file download aborted');
    } finally {
      release();
      pace.close();
    }
  }
}
