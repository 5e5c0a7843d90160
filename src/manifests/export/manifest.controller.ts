import { Readable } from 'node:stream';
import { Controller, Get, Logger, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ClientGone, writeBody } from '../../archive/body-writer.js';
import { contentDisposition } from '../../archive/content-disposition.js';
import { DownloadCapabilityGuard } from '../../archive/download-capability.guard.js';
import type { Bundle } from '../../bundles/bundle.js';
import { ApiProblems } from '../../problems/api-problems.decorator.js';
import { DomainError } from '../../problems/domain-error.js';
import { ManifestRows } from '../manifest-rows.js';
import { csvManifest } from './csv-manifest.js';
import { chooseFormat, MEDIA_TYPES, type ManifestFormat } from './manifest-format.js';
import { ManifestQueryDto } from './manifest-query.dto.js';
import { XLSX_MAX_ROWS, xlsxManifest } from './xlsx-manifest.js';

@ApiTags('manifests')
@Controller('v1/bundles')
export class ManifestController {
  private readonly logger = new Logger(ManifestController.name);

  constructor(private readonly rows: ManifestRows) {}

  @Get(':id/manifest')
  @UseGuards(DownloadCapabilityGuard)
  @ApiSecurity('bundleSecret')
  @ApiSecurity({})
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Export the bundle\'s file list as CSV or XLSX, streamed',
    description:
      'One row per file, in order: `position` (from 0), `dst` (the entry name in the zip), `src` (query strings redacted), ' +
      '`size`, `crc32` (hex) and `version` where known. Same credentials as the download. Importing it gives a bundle whose zip names every file the same.',
  })
  @ApiProduces(MEDIA_TYPES.csv, MEDIA_TYPES.xlsx)
  @ApiOkResponse({ description: 'The manifest', content: { [MEDIA_TYPES.csv]: { schema: { type: 'string' } }, [MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'NOT_ACCEPTABLE', 'TOO_MANY_FILES')
  async export(@Req() req: Request, @Res() res: Response, @Query() query: ManifestQueryDto): Promise<void> {
    const bundle = req.bundle!;
    const format = chooseFormat(query.format, req.header('accept'));
    if (format === 'xlsx' && bundle.fileCount >= XLSX_MAX_ROWS) {
      throw new DomainError('TOO_MANY_FILES', `A sheet holds ${XLSX_MAX_ROWS - 1} files under its header; this bundle has ${bundle.fileCount}. Export it as CSV.`);
    }
    res.status(200);
    res.setHeader('Content-Type', MEDIA_TYPES[format]);
    res.setHeader('Content-Disposition', contentDisposition(manifestFilename(bundle, format)));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.vary('Accept'); // added to what is there (Origin, where CORS is on)
    res.flushHeaders();
    const rows = this.rows.of(bundle);
    const body = format === 'csv' ? csvManifest(rows) : xlsxManifest(rows, bundle.updatedAt);
    try {
      await writeBody(res, Readable.from(body, { objectMode: false }), { recycle: () => undefined, sent: () => undefined });
    } catch (err) {
      // writeBody destroyed the socket: the client sees a broken transfer, never a short file that looks whole.
      if (!(err instanceof ClientGone)) this.logger.error({ err, bundle: bundle.id }, 'manifest export failed after its headers');
    }
  }
}

function manifestFilename(bundle: Bundle, format: ManifestFormat): string {
  return `${bundle.filename.replace(/\.zip$/i, '')}-manifest.${format}`;
}
