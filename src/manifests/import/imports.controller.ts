import { Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../../auth/api-key.guard.js';
import { BUNDLE_SECRET_HEADER, BundleSecretGuard } from '../../bundles/bundle-secret.guard.js';
import { ApiProblems } from '../../problems/api-problems.decorator.js';
import { DomainError } from '../../problems/domain-error.js';
import { answerWhole } from '../../store/refused-body.js';
import { CreatedImportDto, ImportDto } from './dto/import.dto.js';
import { ImportBundleQueryDto } from './dto/import-query.dto.js';
import type { ImportRecord } from './import-record.js';
import { type ImportTarget, ImportsService } from './imports.service.js';
import { SpreadsheetUpload } from './spreadsheet-upload.js';

const SPREADSHEET_BODY = ApiBody({
  description: 'A CSV (UTF-8; comma, semicolon or tab) or XLSX whose first row names the columns `src` and optionally `dst`; or a form with it as a file; or JSON `{"from": "store://<id>"}`',
  schema: { type: 'string', format: 'binary' },
});
const CONSUMES = ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'multipart/form-data', 'application/json');
const IMPORT_PROBLEMS = ['VALIDATION_FAILED', 'UNAUTHORIZED', 'FILE_NOT_FOUND', 'IMPORT_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'IMPORT_INVALID', 'TOO_MANY_FILES', 'SERVICE_UNAVAILABLE'] as const;

@ApiTags('manifests')
@Controller('v1')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly upload: SpreadsheetUpload,
  ) {}

  @Post('bundles/import')
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({
    summary: 'Create a bundle from a spreadsheet',
    description: 'All rows or none. A short import answers at once (201, or 422 with the invalid rows); a longer one answers 202 with the import to poll. The secret is shown only here.',
  })
  @SPREADSHEET_BODY
  @CONSUMES
  @ApiCreatedResponse({ type: CreatedImportDto })
  @ApiAcceptedResponse({ type: CreatedImportDto, description: 'Still running: poll `url` with the secret' })
  @ApiProblems(...IMPORT_PROBLEMS)
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: ImportBundleQueryDto): Promise<CreatedImportDto> {
    const owner = req.principal?.keyId ?? null;
    return this.run(req, res, owner, (name) => ({ kind: 'create', owner, settings: { ...query, filename: query.filename ?? name?.replace(/\.(csv|tsv|txt|xlsx)$/i, '') } }));
  }

  @Post('bundles/:id/files/import')
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Append a spreadsheet\'s rows to a bundle',
    description: 'All rows or none. A short import answers at once (200, or 422 with the invalid rows); a longer one answers 202 with the import to poll.',
  })
  @SPREADSHEET_BODY
  @CONSUMES
  @ApiOkResponse({ type: ImportDto })
  @ApiAcceptedResponse({ type: ImportDto, description: 'Still running: poll `url` with the bundle secret' })
  @ApiProblems(...IMPORT_PROBLEMS, 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  async append(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ImportDto> {
    const bundle = req.bundle!;
    return this.run(req, res, bundle.owner, () => ({ kind: 'append', bundle }));
  }

  @Get('imports/:id')
  @ApiHeader({ name: BUNDLE_SECRET_HEADER, required: true, description: 'The secret of the bundle imported into (or created)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'An import\'s state, rows read and errors (from any instance)' })
  @ApiOkResponse({ type: ImportDto })
  @ApiProblems('IMPORT_NOT_FOUND')
  async get(@Req() req: Request, @Param('id') id: string): Promise<ImportDto> {
    return ImportDto.from(await this.imports.find(id, req.header(BUNDLE_SECRET_HEADER)));
  }

  private run(req: Request, res: Response, owner: string | null, target: (name: string | undefined) => ImportTarget): Promise<CreatedImportDto> {
    return answerWhole(req, async () => {
      this.imports.assertRoom();
      // A create's settings are checked before the body is read: a bad expiry loses no upload.
      const early = this.imports.draft(target(undefined));
      const { path, name } = await this.upload.receive(req, owner);
      const chosen = target(name);
      const draft = chosen.kind === 'create' && name !== undefined && early ? this.imports.draft(chosen) : early;
      const { record, secret } = await this.imports.start(chosen, draft, path);
      return { ...answer(res, record), ...(secret ? { secret } : {}) };
    });
  }
}

/** A finished import answers as itself (or as its problem); a running one, 202 with where to look. */
function answer(res: Response, record: ImportRecord): ImportDto {
  const dto = ImportDto.from(record);
  res.setHeader('Location', dto.url);
  if (record.state === 'failed' && record.problem) {
    const errors = record.errors.map((e) => ({ pointer: `/rows/${e.row}/${e.column}`, detail: e.reason, row: e.row, column: e.column }));
    throw new DomainError(record.problem.code, record.problem.detail, { errors, headers: { Location: dto.url } });
  }
  if (record.state === 'succeeded') {
    res.status(record.kind === 'create' ? 201 : 200);
    if (record.kind === 'create') res.setHeader('Location', `/v1/bundles/${record.bundleId}`);
  } else res.status(202);
  return dto;
}
