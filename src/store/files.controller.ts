import { Controller, Delete, Get, Head, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { SourceFileResponder } from '../archive/source-file-response.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { contentDigestSha256 } from './content-digest.js';
import { DeleteFileQueryDto, StoredFileDto, StoredFilePageDto, StoredFilePageQueryDto, StoredFilesDto, UploadQueryDto } from './dto/stored-file.dto.js';
import { FilesService } from './files.service.js';
import { eachFilePart } from './multipart-files.js';
import { contentTag, type StoredFile, storeUri } from './stored-file.js';
import { dispositionFileName, storedContentType, storedFileName } from './stored-file-name.js';
import { UploadsService } from './uploads.service.js';
import { AppConfig } from '../config/app-config.js';
import { ownerOf } from './owner.js';
import { answerWhole, bodyOf } from './refused-body.js';

const FILE_ID = ApiParam({ name: 'id', format: 'uuid', example: '0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d' });
const UPLOAD_PROBLEMS = ['VALIDATION_FAILED', 'DIGEST_MISMATCH', 'UNAUTHORIZED', 'FILE_TOO_LARGE', 'QUOTA_EXCEEDED', 'STORE_FULL'] as const;

@ApiTags('files')
@ApiBearerAuth('apiKey')
@Controller('v1/files')
@UseGuards(ApiKeyGuard)
export class FilesController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly files: FilesService,
    private readonly responder: SourceFileResponder,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Upload a file (raw body) or files (multipart/form-data)',
    description:
      'A raw body of any type is one file, named by `?filename=` or `Content-Disposition`; a multipart/form-data body stores each file part. ' +
      'The bytes are stored as they arrive; SHA-256 and CRC-32 are computed on the way. `Content-Digest: sha-256=:…:` (RFC 9530) is checked: ' +
      'a mismatch stores nothing. For multi-gigabyte files over unreliable links use the resumable tus endpoint, `/v1/uploads`.',
  })
  @ApiConsumes('application/octet-stream', 'multipart/form-data')
  @ApiBody({ description: 'The file\'s bytes, or a form with file parts', schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Content-Digest', required: false, description: 'sha-256=:<base64>: of the body (raw uploads)' })
  @ApiCreatedResponse({ description: 'The stored file (raw body), or `{ files: [...] }` (multipart)', type: StoredFileDto })
  @ApiResponse({ status: 201, description: 'multipart/form-data', type: StoredFilesDto })
  @ApiProblems(...UPLOAD_PROBLEMS)
  async upload(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: UploadQueryDto): Promise<StoredFileDto | StoredFilesDto> {
    return answerWhole(req, () => this.receive(req, res, query));
  }

  private async receive(req: Request, res: Response, query: UploadQueryDto): Promise<StoredFileDto | StoredFilesDto> {
    const owner = ownerOf(req);
    const type = req.header('content-type') ?? '';
    if (/^multipart\/form-data\b/i.test(type)) {
      const stored: StoredFile[] = [];
      let files: StoredFile[];
      try {
        files = await eachFilePart(req, this.config.store.maxFilesPerUpload, async (part) => {
          const file = await this.uploads.receive({ owner, name: storedFileName(part.filename), contentType: storedContentType(part.contentType) }, part.body);
          stored.push(file);
          return file;
        });
      } catch (err) {
        // All or nothing: the parts stored before the failure go too.
        await Promise.allSettled(stored.map((file) => this.uploads.undo(file)));
        throw err;
      }
      res.status(201);
      return { files: files.map((f) => StoredFileDto.from(f)) };
    }
    const length = req.header('content-length');
    const file = await this.uploads.receive(
      {
        owner,
        name: storedFileName(query.filename ?? dispositionFileName(req.header('content-disposition'))),
        contentType: storedContentType(type),
        length: length === undefined ? undefined : Number(length),
        sha256: contentDigestSha256(req.header('content-digest')),
      },
      bodyOf(req),
    );
    res.status(201).setHeader('Location', `/v1/files/${file.id}`);
    return StoredFileDto.from(file);
  }

  /** `curl -T file` sends PUT, to `/v1/files/<file name>` when the URL ends in a slash. */
  @Put()
  @ApiOperation({ summary: 'Upload a file: the same as POST (for clients such as `curl -T` that send PUT)' })
  @ApiConsumes('application/octet-stream', 'multipart/form-data')
  @ApiBody({ description: 'The file\'s bytes, or a form with file parts', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: StoredFileDto })
  @ApiProblems(...UPLOAD_PROBLEMS)
  uploadByPut(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: UploadQueryDto): Promise<StoredFileDto | StoredFilesDto> {
    return this.upload(req, res, query);
  }

  @Put(':filename')
  @ApiParam({ name: 'filename', description: 'The new file\'s name (`curl -T report.pdf https://…/v1/files/`)', example: 'report.pdf' })
  @ApiOperation({ summary: 'Upload a file under the name in the path: a new file each time' })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ description: 'The file\'s bytes', schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: StoredFileDto })
  @ApiProblems(...UPLOAD_PROBLEMS)
  uploadNamed(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('filename') filename: string): Promise<StoredFileDto | StoredFilesDto> {
    return this.upload(req, res, { filename });
  }

  @Get()
  @ApiOperation({ summary: 'List the API key\'s files, newest first, a page at a time' })
  @ApiOkResponse({ type: StoredFilePageDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_CURSOR', 'UNAUTHORIZED')
  async list(@Req() req: Request, @Query() query: StoredFilePageQueryDto): Promise<StoredFilePageDto> {
    const page = await this.files.page(ownerOf(req), query.cursor, query.limit ?? 100);
    return { items: page.items.map((f) => StoredFileDto.from(f)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @FILE_ID
  @ApiOperation({ summary: 'A stored file\'s metadata' })
  @ApiOkResponse({ type: StoredFileDto })
  @ApiProblems('UNAUTHORIZED', 'FILE_NOT_FOUND')
  async get(@Req() req: Request, @Param('id') id: string): Promise<StoredFileDto> {
    return StoredFileDto.from(await this.files.get(id, ownerOf(req)));
  }

  @Get(':id/content')
  @Head(':id/content')
  @FILE_ID
  @ApiOperation({ summary: 'A stored file\'s bytes, with ranges (HEAD too)', description: 'Strong ETag from the SHA-256; Range, If-Range and If-None-Match are honoured.' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The whole file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 206, description: 'The requested byte range (`Range: bytes=…`)' })
  @ApiResponse({ status: 304, description: 'Not modified (`If-None-Match` names the current ETag)' })
  @ApiProblems('UNAUTHORIZED', 'FILE_NOT_FOUND', 'RANGE_NOT_SATISFIABLE', 'SERVICE_UNAVAILABLE', 'SOURCE_UNAVAILABLE')
  async content(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const file = await this.files.get(id, ownerOf(req));
    const stat = { size: file.size, etag: contentTag(file), lastModified: file.createdAt, contentType: file.contentType, crc32: file.crc32 };
    await this.responder.send(req, res, storeUri(file.id), file.name, stat);
  }

  @Delete(':id')
  @HttpCode(204)
  @FILE_ID
  @ApiOperation({ summary: 'Delete a stored file', description: 'Refused (409) while a bundle refers to it, unless `?force=true`.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FILE_NOT_FOUND', 'FILE_IN_USE')
  async remove(@Req() req: Request, @Param('id') id: string, @Query() query: DeleteFileQueryDto): Promise<void> {
    await this.files.delete(id, ownerOf(req), query.force === 'true');
  }
}
