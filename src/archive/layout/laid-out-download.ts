import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Bundle, BundleLayout } from '../../bundles/bundle.js';
import { GeneratorReadable } from '../../common/generator-readable.js';
import { DomainError } from '../../problems/domain-error.js';
import { ReadPace } from '../../storage/read-pace.js';
import { StorageError } from '../../storage/storage-error.js';
import { decideRange } from '../byte-range.js';
import { LayoutMismatchError } from '../zip/zip-layout.js';
import { ZipResponder } from '../zip-response.js';
import { BundleLayouts } from './bundle-layouts.js';
import { LayoutGoneError } from './laid-out-pages.js';

/** Failures that mean the layout no longer describes the sources. */
const STALE_CODES = new Set(['SOURCE_CHANGED', 'SOURCE_SIZE_MISMATCH', 'SOURCE_NOT_FOUND']);

/**
 * A download of a bundle whose layout is known: exact Content-Length, a strong
 * ETag, Last-Modified and byte ranges (one range per request; If-Range honoured),
 * each range read from the entries it covers and nothing else.
 */
@Injectable()
export class LaidOutDownload {
  constructor(
    private readonly layouts: BundleLayouts,
    private readonly responder: ZipResponder,
  ) {}

  async send(req: Request, res: Response, bundle: Bundle, layout: BundleLayout): Promise<void> {
    const { size, etag } = layout;
    const lastModified = new Date(layout.learntAt);
    const range = decideRange(req.header('range'), req.header('if-range'), { size, etag, lastModified });
    if (range.kind === 'unsatisfiable') {
      throw new DomainError('RANGE_NOT_SATISFIABLE', `The zip has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', lastModified.toUTCString());
    if (req.header('if-none-match')?.split(/\s*,\s*/).includes(etag)) {
      res.status(304).end();
      return;
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1) };
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;

    const pace = new ReadPace();
    const controller = new AbortController();
    const bytes = this.layouts.bytes(bundle, layout, start, end, pace, controller.signal);
    const stream = new GeneratorReadable(bytes, () => controller.abort(new Error('download closed')));
    await this.responder.send(
      res,
      bundle.filename,
      { stream, recycle: (chunk) => pace.recycle(chunk), sent: (n) => pace.delivered(n) },
      {
        status: range.kind === 'partial' ? 206 : 200,
        headers,
        failed: (err) => {
          const stale = err instanceof LayoutMismatchError || err instanceof LayoutGoneError || (err instanceof StorageError && STALE_CODES.has(err.code));
          if (stale) void this.layouts.drop(bundle, layout, (err as Error).message).catch(() => undefined);
        },
      },
    );
  }
}
