import { Controller, Delete, Get, HttpCode, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { JsonBody } from '../http/json-body.decorator.js';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { DownloadLinks } from '../auth/download-links.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { CreateDownloadLinkDto, DownloadLinkDto } from './dto/download-link.dto.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import type { Bundle } from './bundle.js';
import { BundleSecretGuard } from './bundle-secret.guard.js';
import { BundlesService } from './bundles.service.js';
import { AppendFilesDto } from './dto/append-files.dto.js';
import { BundleDto, CreatedBundleDto } from './dto/bundle.dto.js';
import { CreateBundleDto } from './dto/create-bundle.dto.js';
import { FilePageDto, FilePageQueryDto } from './dto/file-page.dto.js';
import { UpdateBundleDto } from './dto/update-bundle.dto.js';
import { decodeFileCursor, encodeFileCursor } from './file-cursor.js';

const BUNDLE_ID = ApiParam({ name: 'id', format: 'uuid', example: '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55' });

@ApiTags('bundles')
@Controller('v1/bundles')
export class BundlesController {
  constructor(
    private readonly bundles: BundlesService,
    private readonly links: DownloadLinks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Post()
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'Create a bundle', description: 'The secret in the answer is shown only once.' })
  @ApiCreatedResponse({ type: CreatedBundleDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TOO_MANY_FILES')
  async create(@Req() req: Request, @JsonBody() body: CreateBundleDto): Promise<CreatedBundleDto> {
    const { bundle, secret } = await this.bundles.create({
      owner: req.principal?.keyId ?? null,
      filename: body.filename,
      public: body.public,
      compression: body.compression,
      coverSheet: body.coverSheet,
      files: body.files ?? [],
      expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt),
    });
    return { ...BundleDto.from(bundle), secret };
  }

  @Get(':id')
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'Read a bundle\'s metadata' })
  @ApiOkResponse({ type: BundleDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  get(@Req() req: Request): BundleDto {
    return BundleDto.from(bundleOf(req));
  }

  @Get(':id/files')
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'List a bundle\'s files, in order, a page at a time' })
  @ApiOkResponse({ type: FilePageDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_CURSOR', 'UNAUTHORIZED', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async listFiles(@Req() req: Request, @Query() query: FilePageQueryDto): Promise<FilePageDto> {
    const from = decodeFileCursor(query.cursor);
    const limit = query.limit ?? 100;
    // One extra row tells whether another page exists without counting.
    const rows = await this.bundles.listFiles(bundleOf(req), from, limit + 1);
    const items = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeFileCursor(items[items.length - 1].index + 1) : null;
    return { items, nextCursor };
  }

  @Post(':id/files')
  @HttpCode(200)
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'Append files to a bundle' })
  @ApiOkResponse({ type: BundleDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_FILES')
  async append(@Req() req: Request, @JsonBody() body: AppendFilesDto): Promise<BundleDto> {
    return BundleDto.from(await this.bundles.append(bundleOf(req), body.files));
  }

  @Post(':id/links')
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'Mint a signed, expiring download link', description: 'The link opens the download only, without the secret.' })
  @ApiCreatedResponse({ type: DownloadLinkDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  createLink(@Req() req: Request, @JsonBody() body: CreateDownloadLinkDto): DownloadLinkDto {
    const bundle = bundleOf(req);
    const minutes = body.expiresInMinutes ?? this.config.links.defaultLifetimeMinutes;
    const expiresAt = new Date(Math.min(this.clock.now().getTime() + minutes * 60_000, bundle.expiresAt.getTime()));
    const token = this.links.sign(bundle.id, expiresAt);
    return { url: `/v1/bundles/${bundle.id}/download?token=${token}`, token, expiresAt: expiresAt.toISOString() };
  }

  @Patch(':id')
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'Change a bundle\'s filename, visibility, archive options or expiry' })
  @ApiOkResponse({ type: BundleDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async update(@Req() req: Request, @JsonBody() body: UpdateBundleDto): Promise<BundleDto> {
    const bundle = await this.bundles.update(bundleOf(req), {
      filename: body.filename,
      public: body.public,
      compression: body.compression,
      coverSheet: body.coverSheet,
      expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt),
    });
    return BundleDto.from(bundle);
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @BUNDLE_ID
  @ApiOperation({ summary: 'Delete a bundle' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async remove(@Req() req: Request): Promise<void> {
    await this.bundles.delete(bundleOf(req));
  }
}

function bundleOf(req: Request): Bundle {
  if (!req.bundle) throw new Error('BundleSecretGuard did not run');
  return req.bundle;
}
