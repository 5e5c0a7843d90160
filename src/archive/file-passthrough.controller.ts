import { Controller, Get, Logger, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { BundlesService } from '../bundles/bundles.service.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { DomainError } from '../problems/domain-error.js';
import { ReadPace } from '../storage/read-pace.js';
import { ReadBudget } from '../storage/read-budget.js';
import { Storage } from '../storage/storage.js';
import { ClientGone, writeBody } from './body-writer.js';
import { decideRange, notModified } from './byte-range.js';
import { contentDisposition } from './content-disposition.js';
import { DownloadCapabilityGuard } from './download-capability.guard.js';
import { normalizeEntryName } from './entry-name.js';
import { defaultEntryPath } from './source-name.js';
import { StreamLimiter } from './stream-limiter.js';

/**
 * One file of a bundle, served as itself: its type, length, version and byte
 * ranges come from the source, and a range is read from the source as a range,
 * so a 10 GB file costs a few reused read buffers per request, not a copy.
 */
@ApiTags('archives')
@Controller('v1/bundles/:id/files/:index')
export class FilePassthroughController {
  private readonly logger = new Logger(FilePassthroughController.name);

  constructor(
    private readonly bundles: BundlesService,
    private readonly storage: Storage,
    private readonly limiter: StreamLimiter,
    private readonly budget: ReadBudget,
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

    const size = source.size;
    const range =
      size === undefined ? ({ kind: 'full' } as const) : decideRange(req.header('range'), req.header('if-range'), { size, etag: source.etag, lastModified: source.lastModified });
    if (range.kind === 'unsatisfiable') {
      throw new DomainError('RANGE_NOT_SATISFIABLE', `The file has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
    }
    if (source.etag) res.setHeader('ETag', source.etag);
    if (source.lastModified) res.setHeader('Last-Modified', source.lastModified.toUTCString());
    res.setHeader('Cache-Control', 'private, no-cache');
    if (notModified(req.header('if-none-match'), source.etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', source.contentType ?? 'application/octet-stream');
    res.setHeader('Content-Disposition', contentDisposition(name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (size !== undefined) res.setHeader('Accept-Ranges', 'bytes');
    if (range.kind === 'partial') {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      res.setHeader('Content-Length', String(range.end - range.start + 1));
    } else {
      res.status(200);
      if (size !== undefined) res.setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }

    const release = this.limiter.acquire(undefined);
    const pace = new ReadPace(this.budget);
    // Pinned to the version just stat'ed: a source that changes mid-way fails the response, never splices.
    const body = this.storage.open(file.src, {
      ...(range.kind === 'partial' ? { start: range.start, end: range.end } : {}),
      etag: source.etag,
      size,
      pace,
    });
    try {
      await writeBody(res, body, { recycle: (chunk) => pace.recycle(chunk), sent: (bytes) => pace.delivered(bytes) });
    } catch (err) {
      if (!(err instanceof ClientGone)) this.logger.warn({ err, src: file.src }, 'file download aborted');
    } finally {
      release();
      pace.close();
    }
  }
}
