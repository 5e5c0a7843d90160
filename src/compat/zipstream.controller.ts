import { Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { JsonBody } from '../http/json-body.decorator.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ArchiveService } from '../archive/archive.service.js';
import { StreamLimiter } from '../archive/stream-limiter.js';
import { ZipResponder } from '../archive/zip-response.js';
import { sanitizeZipFilename } from '../bundles/bundle-filename.js';
import { FileRefsValidator } from '../bundles/file-refs.validator.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import type { Bundle, FileRef } from '../bundles/bundle.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { DomainError } from '../problems/domain-error.js';
import { ZipstreamBundleBodyDto, ZipstreamBundleDto } from './zipstream.dto.js';

/** ZipStream's routes and JSON shapes, so its clients switch by changing the base URL. */
@ApiTags('zipstream-compat')
@Controller()
export class ZipstreamController {
  constructor(
    private readonly bundles: BundlesService,
    private readonly archives: ArchiveService,
    private readonly limiter: StreamLimiter,
    private readonly responder: ZipResponder,
    private readonly validator: FileRefsValidator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Post('bundle')
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'ZipStream: stream a one-off zip of the posted files' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'A zip archive' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'SERVICE_UNAVAILABLE')
  async oneOff(@Req() req: Request, @JsonBody() body: ZipstreamBundleBodyDto, @Res() res: Response): Promise<void> {
    const files = await this.validator.assertValid(body.files ?? [], req.principal?.keyId ?? null);
    res.once('close', this.limiter.acquire(req.principal?.keyId));
    const now = this.clock.now();
    const filename = sanitizeZipFilename(body.filename, now.toISOString().slice(0, 10));
    await this.responder.send(res, filename, this.archives.stream({ title: filename, files, onError: 'abort', coverSheet: false, compression: this.config.archive.compression, mtime: now }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'ZipStream: download a bundle by its id (bundles created here are public)' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'A zip archive' })
  @ApiProblems('UNAUTHORIZED', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'SERVICE_UNAVAILABLE')
  async download(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const open = await this.bundles.findPublic(id);
    if (!open) throw new DomainError('UNAUTHORIZED', 'This bundle is not public; download it with its secret from /v1/bundles/{id}/download');
    const bundle = this.bundles.unexpired(open);
    res.once('close', this.limiter.acquire(undefined));
    const files = this.bundles.files(bundle);
    await this.responder.send(res, bundle.filename, this.archives.stream({ title: bundle.filename, files, onError: 'abort', coverSheet: false, compression: bundle.compression, mtime: bundle.updatedAt }));
  }

  @Post()
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'ZipStream: create a bundle' })
  @ApiCreatedResponse({ type: ZipstreamBundleDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'TOO_MANY_FILES', 'PAYLOAD_TOO_LARGE')
  async create(@Req() req: Request, @JsonBody() body: ZipstreamBundleBodyDto): Promise<ZipstreamBundleDto> {
    // ZipStream downloads bundles by id alone, so bundles made through it are public.
    const { bundle, secret } = await this.bundles.create({ filename: body.filename, files: body.files ?? [], public: true, owner: req.principal?.keyId ?? null });
    return this.represent(bundle, secret);
  }

  @Get(':id/:secret')
  @ApiOperation({ summary: 'ZipStream: read a bundle' })
  @ApiOkResponse({ type: ZipstreamBundleDto })
  @ApiProblems('BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async read(@Param('id') id: string, @Param('secret') secret: string): Promise<ZipstreamBundleDto> {
    return this.represent(await this.bundles.authorize(id, secret), secret);
  }

  @Put(':id/:secret')
  @ApiOperation({ summary: 'ZipStream: append files (and optionally rename)' })
  @ApiOkResponse({ type: ZipstreamBundleDto })
  @ApiProblems('VALIDATION_FAILED', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'TOO_MANY_FILES', 'PAYLOAD_TOO_LARGE')
  async append(
    @Param('id') id: string,
    @Param('secret') secret: string,
    @JsonBody() body: ZipstreamBundleBodyDto,
  ): Promise<ZipstreamBundleDto> {
    let bundle = await this.bundles.authorize(id, secret);
    if (body.files?.length) bundle = await this.bundles.append(bundle, body.files);
    if (body.filename !== undefined) bundle = await this.bundles.update(bundle, { filename: body.filename });
    return this.represent(bundle, secret);
  }

  @Delete(':id/:secret')
  @ApiOperation({ summary: 'ZipStream: delete a bundle, answering with what was deleted' })
  @ApiOkResponse({ type: ZipstreamBundleDto })
  @ApiProblems('BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async remove(@Param('id') id: string, @Param('secret') secret: string): Promise<ZipstreamBundleDto> {
    const bundle = await this.bundles.authorize(id, secret);
    const representation = await this.represent(bundle, secret);
    await this.bundles.delete(bundle);
    return representation;
  }

  private async represent(bundle: Bundle, secret: string): Promise<ZipstreamBundleDto> {
    const files: FileRef[] = [];
    for await (const { src, dst } of this.bundles.files(bundle)) files.push(dst === undefined ? { src } : { src, dst });
    return {
      id: bundle.id,
      secret,
      filename: bundle.filename,
      files,
      expirationDate: Math.floor(bundle.expiresAt.getTime() / 1000),
    };
  }
}
