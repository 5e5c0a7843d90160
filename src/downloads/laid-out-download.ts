import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Bundle } from '../bundles/bundle.js';
import type { Layout } from '../layouts/layout.js';
import { GeneratorReadable } from '../common/generator-readable.js';
import { DomainError } from '../problems/domain-error.js';
import { ReadPace } from '../storage/read-pace.js';
import { ReadBudget } from '../storage/read-budget.js';
import { StorageError } from '../storage/storage-error.js';
import { decideRange, notModified } from '../archive/byte-range.js';
import { EntryContentError, LayoutMismatchError } from '../archive/zip/layout-errors.js';
import { ZIP_CACHE_CONTROL, ZipResponder } from '../archive/zip-response.js';
import { BundleLayouts } from '../layouts/layouts.js';
import { LaidOutBytes } from './laid-out-bytes.js';
import { LayoutGoneError } from '../layouts/laid-out-pages.js';
import type { ProvisionalLayout } from '../layouts/layout.js';
import { ProvisionalLayouts, UPFRONT_CHECK_FILES } from '../layouts/provisional-layouts.js';
import type { ProvisionalLearning } from '../layouts/provisional-learning.js';


/** Failures that mean the layout no longer describes the sources. */
const STALE_CODES = new Set(['SOURCE_CHANGED', 'SOURCE_SIZE_MISMATCH', 'SOURCE_NOT_FOUND']);

/**
 * A download of a bundle whose layout is known: exact Content-Length, a strong
 * ETag, Last-Modified and byte ranges (one range per request; If-Range honoured),
 * each range read from the entries it covers and nothing else. A provisional
 * layout answers ranges only (a resumed first download), with the same bytes
 * and ETag, learning the CRC-32s it reads.
 */
@Injectable()
export class LaidOutDownload {
  constructor(
    private readonly layouts: BundleLayouts,
    private readonly bytes: LaidOutBytes,
    private readonly responder: ZipResponder,
    private readonly provisionals: ProvisionalLayouts,
    private readonly budget: ReadBudget,
  ) {}

  /**
   * Answers from the layout; resolves false, having sent nothing, when a source
   * turned out to have changed (the layout is then dropped and the caller streams
   * the zip afresh). A bundle of up to UPFRONT_CHECK_FILES files has every source
   * checked before the headers; a larger one starts at once. Either way each
   * source is read pinned to its laid-out version, so a change fails the read
   * (and drops the layout) instead of splicing: a range costs only its own files.
   */
  async send(req: Request, res: Response, bundle: Bundle, layout: Layout | ProvisionalLayout, signal?: AbortSignal): Promise<boolean> {
    const provisional = isProvisional(layout) ? layout : undefined;
    // A provisional layout checked small bundles when it was planned.
    if (!provisional && bundle.fileCount <= UPFRONT_CHECK_FILES && !(await this.layouts.stillValid(bundle, layout as Layout, signal))) return false;

    const { size, etag } = layout;
    const lastModified = provisional ? undefined : new Date((layout as Layout).learntAt);
    // Range is defined for GET only (RFC 9110 §14.2): HEAD describes the whole zip.
    const rangeHeader = req.method === 'GET' ? req.header('range') : undefined;
    const range = decideRange(rangeHeader, req.header('if-range'), { size, etag, lastModified });
    if (range.kind === 'unsatisfiable') {
      throw new DomainError('RANGE_NOT_SATISFIABLE', `The zip has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    res.setHeader('ETag', etag);
    if (lastModified) res.setHeader('Last-Modified', lastModified.toUTCString());
    if (notModified(req.header('if-none-match'), etag)) {
      res.setHeader('Cache-Control', ZIP_CACHE_CONTROL);
      res.status(304).end();
      return true;
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1) };
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;

    const pace = new ReadPace(this.budget);
    const controller = new AbortController();
    const learning = provisional && this.provisionals.learning(bundle, provisional, controller.signal);
    const bytes = this.body(bundle, layout, { start, end }, { pace, signal: controller.signal, learning });
    const stream = new GeneratorReadable(bytes, () => controller.abort(new Error('download closed')));
    stream.once('close', () => pace.close());
    await this.responder.send(
      res,
      bundle.filename,
      { stream, recycle: (chunk) => pace.recycle(chunk), sent: (n) => pace.delivered(n), window: () => pace.chunkSize },
      {
        status: range.kind === 'partial' ? 206 : 200,
        headers,
        failed: (err) => {
          const stale = err instanceof LayoutMismatchError || err instanceof LayoutGoneError || (err instanceof StorageError && STALE_CODES.has(err.code));
          if (!stale) return;
          const reason = (err as Error).message;
          // Entries whose bytes were found to differ are forgotten with the layout, or the next plan would reuse them.
          const forget = provisional || err instanceof EntryContentError;
          void (forget ? this.layouts.forget(bundle, reason) : this.layouts.drop(bundle, layout as Layout, reason)).catch(() => undefined);
        },
      },
    );
    return true;
  }

  /** The response's bytes, from the file holding `start` on; a provisional layout's learning ends with them. */
  private async *body(
    bundle: Bundle,
    layout: Layout | ProvisionalLayout,
    { start, end }: { start: number; end: number },
    io: { pace: ReadPace; signal: AbortSignal; learning: ProvisionalLearning | undefined },
  ): AsyncGenerator<Buffer> {
    const fromFile = await this.layouts.fileAt(bundle, layout, start);
    const learning = io.learning;
    try {
      yield* this.bytes.range(bundle, layout, { start, end, fromFile }, { ...io, learning });
      await learning?.finish().catch(() => undefined);
    } finally {
      await learning?.close();
    }
  }
}

function isProvisional(layout: Layout | ProvisionalLayout): layout is ProvisionalLayout {
  return 'unlearnt' in layout;
}
