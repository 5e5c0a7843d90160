import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SOURCE_PROBLEMS, ZIP } from '../archive/zip-openapi.js';
import { DownloadCapabilityGuard } from '../archive/download-capability.guard.js';
import { DownloadQueryDto } from '../archive/dto/archive-options.dto.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { DownloadService } from './download.service.js';

@ApiTags('archives')
@Controller()
export class DownloadsController {
  constructor(private readonly downloads: DownloadService) {}

  @Get('v1/bundles/:id/download')
  @UseGuards(DownloadCapabilityGuard)
  @ApiSecurity('bundleSecret')
  @ApiSecurity({})
  @ApiQuery({ name: 'token', required: false, description: 'A signed download link token, instead of the secret' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    // The id it had before this route moved here: clients generated from the document keep working.
    operationId: 'ArchiveController_download',
    summary: 'Download a bundle as a zip, built on the fly (HEAD too)',
    description:
      'Once the layout of a stored bundle is known (learnt from a complete download, or sealed), the answer carries an exact ' +
      'Content-Length, a strong ETag, Last-Modified and Accept-Ranges, and one `Range` (with `If-Range`) gets a 206: a broken ' +
      'download resumes with `curl -C -`. Until then, or with deflated entries, the zip streams without a length. Every download of a ' +
      'bundle version is the same bytes, so a broken first download resumes correctly too once the layout is known.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiResponse({ status: 206, description: 'The requested byte range of a bundle whose layout is known' })
  @ApiResponse({ status: 304, description: 'Not modified (`If-None-Match` names the current ETag)' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'RANGE_NOT_SATISFIABLE', 'SERVICE_UNAVAILABLE', ...SOURCE_PROBLEMS)
  download(@Req() req: Request, @Res() res: Response, @Query() options: DownloadQueryDto): Promise<void> {
    return this.downloads.send(req, res, req.bundle!, options);
  }
}
