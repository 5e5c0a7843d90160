import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ArchiveService } from '../archive/archive.service.js';
import type { DownloadQueryDto } from '../archive/dto/archive-options.dto.js';
import { StreamLimiter } from '../archive/stream-limiter.js';
import { ZipResponder } from '../archive/zip-response.js';
import type { Bundle } from '../bundles/bundle.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { BundleLayouts } from '../layouts/layouts.js';
import { LaidOutDownload } from './laid-out-download.js';
import { untilClientGone } from '../common/client-gone.js';
import { ProvisionalLayouts, UPFRONT_CHECK_FILES } from '../layouts/provisional-layouts.js';

/**
 * A bundle's zip, as one response. First the plan: the bundle's own zip (stored,
 * its own cover-sheet setting) with a known layout is answered from the layout,
 * with an exact length, a strong ETag and ranges (LaidOutDownload); a range of it
 * before the layout is known, from a provisional layout; anything else streams
 * as it is made, and the bundle's own zip learns its layout on the way.
 * Then the bytes: source → zip writer → response, the same representation either way.
 */
@Injectable()
export class DownloadService {
  constructor(
    private readonly archives: ArchiveService,
    private readonly bundles: BundlesService,
    private readonly limiter: StreamLimiter,
    private readonly responder: ZipResponder,
    private readonly layouts: BundleLayouts,
    private readonly laidOut: LaidOutDownload,
    private readonly provisionals: ProvisionalLayouts,
  ) {}

  async send(req: Request, res: Response, bundle: Bundle, options: DownloadQueryDto): Promise<void> {
    const compression = options.compression ?? bundle.compression;
    const coverSheet = options.coverSheet ?? bundle.coverSheet;
    res.once('close', this.limiter.acquire(undefined));
    // Work before the headers (checks, stats, planning) stops when the client leaves.
    const signal = untilClientGone(res);
    const ownZip = this.layouts.applies(bundle, compression, coverSheet);
    const layout = ownZip ? this.layouts.current(bundle) : undefined;
    // False when a source changed since the layout was learnt: it was dropped, and the zip streams afresh.
    if (layout && (await this.laidOut.send(req, res, bundle, layout, signal))) return;
    // Before the layout is learnt, a provisional layout answers a range (a resumed first download) at whatever
    // planning costs, and a whole download that follows a broken one if planning costs one round of stats
    // (so that a client that checks the length before resuming, such as aria2c, can resume).
    // A bundle of stored files alone is planned in full from the first request: their sizes and CRC-32s are known
    // (and cost a lookup each), so one that cannot be planned has lost a file: that shows before the headers.
    const storedOnly = ownZip && !layout && (await this.bundles.onlyStoredFiles(bundle));
    if (ownZip && !layout) {
      const ranged = req.method === 'GET' && req.header('range') !== undefined;
      const limits = ranged || storedOnly ? { stats: Infinity, afterEarlierDownload: false } : { stats: UPFRONT_CHECK_FILES, afterEarlierDownload: true };
      await this.layouts.settledFor(bundle);
      const provisional = await this.provisionals.plan(bundle, limits, signal);
      if (provisional && (await this.laidOut.send(req, res, bundle, provisional, signal))) return;
    }

    if (options.verify || storedOnly) await this.archives.verify(this.bundles.files(bundle), signal);
    const zip = this.archives.stream({
      title: bundle.filename,
      files: this.bundles.files(bundle),
      onError: options.onError ?? 'abort',
      coverSheet,
      compression,
      mtime: bundle.updatedAt,
      learn: ownZip ? await this.layouts.learner(bundle) : undefined,
    });
    await this.responder.send(res, bundle.filename, zip);
  }
}
