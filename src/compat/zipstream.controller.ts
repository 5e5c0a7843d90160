import { Body, Controller, Delete, Get, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import type { Bundle, FileRef } from '../bundles/bundle.js';
import { BundlesService } from '../bundles/bundles.service.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { ZipstreamBundleBodyDto, ZipstreamBundleDto } from './zipstream.dto.js';

const PAGE = 1000;

/** ZipStream's routes and JSON shapes, so its clients switch by changing the base URL. */
@ApiTags('zipstream-compat')
@Controller()
export class ZipstreamController {
  constructor(private readonly bundles: BundlesService) {}

  @Post()
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'ZipStream: create a bundle' })
  @ApiCreatedResponse({ type: ZipstreamBundleDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'TOO_MANY_FILES', 'PAYLOAD_TOO_LARGE')
  async create(@Body() body: ZipstreamBundleBodyDto): Promise<ZipstreamBundleDto> {
    const { bundle, secret } = await this.bundles.create({ filename: body.filename, files: body.files ?? [] });
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
    @Body() body: ZipstreamBundleBodyDto,
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
    for (let from = 0; from < bundle.fileCount; from += PAGE) {
      const page = await this.bundles.listFiles(bundle, from, PAGE);
      files.push(...page.map(({ src, dst }) => (dst === undefined ? { src } : { src, dst })));
      if (page.length < PAGE) break;
    }
    return {
      id: bundle.id,
      secret,
      filename: bundle.filename,
      files,
      expirationDate: Math.floor(bundle.expiresAt.getTime() / 1000),
    };
  }
}
