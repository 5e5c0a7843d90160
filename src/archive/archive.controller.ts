import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
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
  ) {}

  @Get('v1/bundles/:id/download')
  @UseGuards(DownloadCapabilityGuard)
  @ApiSecurity('bundleSecret')
  @ApiSecurity({})
  @ApiQuery({ name: 'token', required: false, description: 'A signed download link token, instead of the secret' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Download a bundle as a zip, built on the fly' })
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'SERVICE_UNAVAILABLE', ...SOURCE_PROBLEMS)
  async download(@Req() req: Request, @Res() res: Response, @Query() options: DownloadQueryDto): Promise<void> {
    const bundle = req.bundle!;
    res.once('close', this.limiter.acquire(undefined));
    if (options.verify) await this.archives.verify(this.bundles.files(bundle));
    const zip = this.archives.stream({
      title: bundle.filename,
      files: this.bundles.files(bundle),
      onError: options.onError ?? 'abort',
      coverSheet: options.coverSheet ?? bundle.coverSheet,
      compression: options.compression ?? bundle.compression,
      mtime: bundle.updatedAt,
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
