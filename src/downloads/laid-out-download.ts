import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout } from '../layouts/layout.js';
import { GeneratorReadable } from '../common/generator-readable.js';
import { DomainError } from '../problems/domain-error.js';
import { ReadPace } from '../storage/read-pace.js';
import { StorageError } from '../storage/storage-error.js';
import { decideRange, notModified } from '../archive/byte-range.js';
import { LayoutMismatchError } from '../archive/zip/zip-layout.js';
import { ZIP_CACHE_CONTROL, ZipResponder } from '../archive/zip-response.js';
import { BundleLayouts } from '../layouts/layouts.js';
import { LaidOutBytes } from './laid-out-bytes.js';
import { LayoutGoneError } from '../layouts/laid-out-pages.js';

/** Up to this many files, every source is checked before the headers: one round of stats. */
const UPFRONT_CHECK_FILES = 64;

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
    private readonly bytes: LaidOutBytes,
    private readonly responder: ZipResponder,
  ) {}

  /**
   * Answers from the layout; resolves false, having sent nothing, when a source
   * turned out to have changed (the layout is then dropped and the caller streams
   * the zip afresh). A bundle of up to UPFRONT_CHECK_FILES files has every source
   * checked before the headers; a larger one starts at once. Either way each
   * source is read pinned to its laid-out version, so a change fails the read
   * (and drops the layout) instead of splicing: a range costs only its own files.
   */
  async send(req: Request, res: Response, bundle: Bundle, layout: Layout): Promise<boolean> {
    if (bundle.fileCount <= UPFRONT_CHECK_FILES && !(await this.layouts.stillValid(bundle, layout))) return false;

    const { size, etag } = layout;
    const lastModified = new Date(layout.learntAt);
    // Range is defined for GET only (RFC 9110 §14.2): HEAD describes the whole zip.
    const rangeHeader = req.method === 'GET' ? req.header('range') : undefined;
    const range = decideRange(rangeHeader, req.header('if-range'), { size, etag, lastModified });
    if (range.kind === 'unsatisfiable') {
      throw new DomainError('RANGE_NOT_SATISFIABLE', `The zip has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', lastModified.toUTCString());
    if (notModified(req.header('if-none-match'), etag)) {
      res.setHeader('Cache-Control', ZIP_CACHE_CONTROL);
      res.status(304).end();
      return true;
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1) };
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;

    const pace = new ReadPace();
    const controller = new AbortController();
    const bytes = this.body(bundle, layout, { start, end }, { pace, signal: controller.signal });
    const stream = new GeneratorReadable(bytes, () => controller.abort(new Error('download closed')));
    await this.responder.send(
      res,
      bundle.filename,
      { stream, recycle: (chunk) => pace.recycle(chunk), sent: (n) => pace.delivered(n), window: () => pace.chunkSize },
      {
        status: range.kind === 'partial' ? 206 : 200,
        headers,
        failed: (err) => {
          const stale = err instanceof LayoutMismatchError || err instanceof LayoutGoneError || (err instanceof StorageError && STALE_CODES.has(err.code));
          if (stale) void this.layouts.drop(bundle, layout, (err as Error).message).catch(() => undefined);
        },
      },
    );
    return true;
  }

  /** The response's bytes, from the file holding `start` on. */
  private async *body(bundle: Bundle, layout: Layout, { start, end }: { start: number; end: number }, io: { pace: ReadPace; signal: AbortSignal }): AsyncGenerator<Buffer> {
    const fromFile = await this.layouts.fileAt(bundle, layout, start);
    yield* this.bytes.range(bundle, layout, { start, end, fromFile }, io);
  }
}
