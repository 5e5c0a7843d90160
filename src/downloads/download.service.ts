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

/**
 * A bundle's zip, as one response. First the plan: the bundle's own zip (stored,
 * its own cover-sheet setting) with a known layout is answered from the layout,
 * with an exact length, a strong ETag and ranges (LaidOutDownload); anything else
 * streams as it is made, and the bundle's own zip learns its layout on the way.
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
  ) {}

  async send(req: Request, res: Response, bundle: Bundle, options: DownloadQueryDto): Promise<void> {
    const compression = options.compression ?? bundle.compression;
    const coverSheet = options.coverSheet ?? bundle.coverSheet;
    res.once('close', this.limiter.acquire(undefined));
    const ownZip = this.layouts.applies(bundle, compression, coverSheet);
    const layout = ownZip ? this.layouts.current(bundle) : undefined;
    // False when a source changed since the layout was learnt: it was dropped, and the zip streams afresh.
    if (layout && (await this.laidOut.send(req, res, bundle, layout))) return;

    if (options.verify) await this.archives.verify(this.bundles.files(bundle));
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
