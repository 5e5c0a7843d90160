import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { sanitizeZipFilename } from '../bundles/bundle-filename.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { FileRefsValidator } from '../bundles/file-refs.validator.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { ArchiveService } from './archive.service.js';
import { DownloadCapabilityGuard } from './download-capability.guard.js';
import { DownloadQueryDto } from './dto/archive-options.dto.js';
import { StreamLimiter } from './stream-limiter.js';
import { CreateArchiveDto } from './dto/create-archive.dto.js';
import { BundleLayouts } from './layout/bundle-layouts.js';
import { LaidOutDownload } from './layout/laid-out-download.js';
import { ZipResponder } from './zip-response.js';

/** Answered before the first byte only, with `verify=true`. */
const SOURCE_PROBLEMS = ['SOURCE_NOT_FOUND', 'SOURCE_FORBIDDEN', 'SOURCE_UNAVAILABLE'] as const;
const ZIP = { description: 'A zip archive, streamed as it is built', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } };

@ApiTags('archives')
@Controller()
export class ArchiveController {
  constructor(
    private readonly archives: ArchiveService,
    private readonly bundles: BundlesService,
    private readonly validator: FileRefsValidator,
    private readonly clock: Clock,
    private readonly limiter: StreamLimiter,
    private readonly responder: ZipResponder,
    private readonly config: AppConfig,
    private readonly layouts: BundleLayouts,
    private readonly laidOut: LaidOutDownload,
  ) {}

  @Get('v1/bundles/:id/download')
  @UseGuards(DownloadCapabilityGuard)
  @ApiSecurity('bundleSecret')
  @ApiSecurity({})
  @ApiQuery({ name: 'token', required: false, description: 'A signed download link token, instead of the secret' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Download a bundle as a zip, built on the fly (HEAD too)',
    description:
      'Once the layout of a stored bundle is known (learnt from a complete download, or sealed), the answer carries an exact ' +
      'Content-Length, a strong ETag, Last-Modified and Accept-Ranges, and one `Range` (with `If-Range`) gets a 206: a broken ' +
      'download resumes with `curl -C -`. Until then, or with deflated entries, the zip streams without a length.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiResponse({ status: 206, description: 'The requested byte range of a bundle whose layout is known' })
  @ApiResponse({ status: 304, description: 'Not modified (`If-None-Match` names the current ETag)' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'RANGE_NOT_SATISFIABLE', 'SERVICE_UNAVAILABLE', ...SOURCE_PROBLEMS)
  async download(@Req() req: Request, @Res() res: Response, @Query() options: DownloadQueryDto): Promise<void> {
    const bundle = req.bundle!;
    const compression = options.compression ?? bundle.compression;
    const coverSheet = options.coverSheet ?? bundle.coverSheet;
    res.once('close', this.limiter.acquire(undefined));
    const laidOut = this.layouts.applies(bundle, compression, coverSheet);
    const layout = laidOut ? this.layouts.current(bundle) : undefined;
    if (layout && (await this.laidOut.send(req, res, bundle, layout))) return;

    if (options.verify) await this.archives.verify(this.bundles.files(bundle));
    const zip = this.archives.stream({
      title: bundle.filename,
      files: this.bundles.files(bundle),
      onError: options.onError ?? 'abort',
      coverSheet,
      compression,
      mtime: bundle.updatedAt,
      learn: laidOut ? this.layouts.learner(bundle) : undefined,
    });
    await this.responder.send(res, bundle.filename, zip);
  }

  @Post('v1/archives')
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'Stream a one-off zip of the posted files; nothing is stored' })
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_FILES', 'SERVICE_UNAVAILABLE', ...SOURCE_PROBLEMS)
  async oneOff(@Req() req: Request, @Body() body: CreateArchiveDto, @Res() res: Response): Promise<void> {
    this.validator.assertValid(body.files);
    res.once('close', this.limiter.acquire(req.principal?.keyId));
    if (body.verify) await this.archives.verify(body.files);
    const now = this.clock.now();
    const filename = sanitizeZipFilename(body.filename, `${now.toISOString().slice(0, 10)}`);
    const zip = this.archives.stream({
      title: filename,
      files: body.files,
      onError: body.onError ?? 'abort',
      coverSheet: body.coverSheet ?? true,
      compression: body.compression ?? this.config.archive.compression,
      mtime: now,
    });
    await this.responder.send(res, filename, zip);
  }
}
