import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BundlesService } from '../bundles/bundles.service.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { DomainError } from '../problems/domain-error.js';
import { Storage } from '../storage/storage.js';
import { DownloadCapabilityGuard } from './download-capability.guard.js';
import { normalizeEntryName } from './entry-name.js';
import { defaultEntryPath } from './source-name.js';
import { SourceFileResponder } from './source-file-response.js';

/** One file of a bundle, served as itself (see SourceFileResponder). */
@ApiTags('archives')
@Controller('v1/bundles/:id/files/:index')
export class FilePassthroughController {
  constructor(
    private readonly bundles: BundlesService,
    private readonly storage: Storage,
    private readonly responder: SourceFileResponder,
  ) {}

  @Get()
  @UseGuards(DownloadCapabilityGuard)
  @ApiSecurity('bundleSecret')
  @ApiSecurity({})
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'index', description: 'The file\'s position in the bundle, from 0', example: 0 })
  @ApiQuery({ name: 'token', required: false, description: 'A signed download link token, instead of the secret' })
  @ApiOperation({ summary: 'Download one file of a bundle as itself, with ranges (HEAD too)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The whole file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 206, description: 'The requested byte range (`Range: bytes=…`)' })
  @ApiResponse({ status: 304, description: 'Not modified (`If-None-Match` names the current ETag)' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'RANGE_NOT_SATISFIABLE', 'SERVICE_UNAVAILABLE', 'SOURCE_NOT_FOUND', 'SOURCE_FORBIDDEN', 'SOURCE_UNAVAILABLE')
  async file(@Req() req: Request, @Res() res: Response, @Param('index') index: string): Promise<void> {
    if (!/^\d{1,9}$/.test(index)) {
      throw new DomainError('VALIDATION_FAILED', 'index must be a file position (0, 1, …)', { errors: [{ pointer: '/index', detail: 'must be a non-negative integer' }] });
    }
    const position = Number(index);
    const [file] = await this.bundles.listFiles(req.bundle!, position, 1);
    if (file?.index !== position) throw new DomainError('NOT_FOUND', `The bundle has no file at index ${position}`);
    const source = await this.storage.stat(file.src);
    const name = normalizeEntryName(file.dst ?? defaultEntryPath(file.src))?.split('/').pop() ?? `file-${position + 1}`;

    await this.responder.send(req, res, file.src, name, source);
  }
}
