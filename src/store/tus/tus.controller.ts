import { Controller, Delete, Head, HttpCode, Options, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiNoContentResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../../auth/api-key.guard.js';
import { AppConfig } from '../../config/app-config.js';
import { ApiProblems } from '../../problems/api-problems.decorator.js';
import { DomainError } from '../../problems/domain-error.js';
import { ownerOf } from '../owner.js';
import { answerWhole, bodyOf } from '../refused-body.js';
import { storedContentType, storedFileName } from '../stored-file-name.js';
import { byteCount, CHECKSUM_ALGORITHMS, parseChecksum, parseMetadata, TUS_EXTENSIONS, TUS_VERSION } from './tus-headers.js';
import { type UploadState, TusService } from './tus.service.js';
import { TusVersionGuard } from './tus-version.guard.js';

const UPLOAD_ID = ApiParam({ name: 'id', format: 'uuid', description: 'The upload\'s id, which becomes the stored file\'s id' });
const TUS_HEADER = ApiHeader({ name: 'Tus-Resumable', required: true, example: TUS_VERSION });
const OFFSET_TYPE = 'application/offset+octet-stream';

/**
 * The tus 1.0 resumable upload protocol (https://tus.io/protocols/resumable-upload):
 * core, creation, creation-with-upload, expiration, termination and checksum.
 * A finished upload is a stored file with the upload's id: `store://<id>`.
 */
@ApiTags('uploads')
@Controller('v1/uploads')
export class TusController {
  constructor(
    private readonly tus: TusService,
    private readonly config: AppConfig,
  ) {}

  @Options()
  @HttpCode(204)
  @ApiOperation({ summary: 'What this tus server supports (no credentials needed)' })
  @ApiNoContentResponse({ description: 'Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm' })
  @ApiProblems('INTERNAL_ERROR')
  discover(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('Tus-Resumable', TUS_VERSION);
    res.setHeader('Tus-Version', TUS_VERSION);
    res.setHeader('Tus-Extension', TUS_EXTENSIONS);
    res.setHeader('Tus-Max-Size', String(this.config.store.maxFileBytes));
    res.setHeader('Tus-Checksum-Algorithm', CHECKSUM_ALGORITHMS.join(','));
  }

  @Post()
  @UseGuards(TusVersionGuard, ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @TUS_HEADER
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'The file\'s size in bytes' })
  @ApiHeader({ name: 'Upload-Metadata', required: false, description: 'tus metadata; `filename` (or `name`) and `filetype` (or `type`) are kept' })
  @ApiOperation({ summary: 'Start a resumable upload (tus creation; with a body, creation-with-upload)' })
  @ApiConsumes(OFFSET_TYPE)
  @ApiBody({ required: false, schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: 'Created: Location names the upload; Upload-Offset tells how much of a body was kept' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'TUS_VERSION_UNSUPPORTED', 'FILE_TOO_LARGE', 'QUOTA_EXCEEDED', 'STORE_FULL', 'CHECKSUM_MISMATCH')
  async create(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const owner = ownerOf(req);
    if (req.header('upload-defer-length') !== undefined) throw new DomainError('VALIDATION_FAILED', 'Upload-Defer-Length is not supported: send Upload-Length');
    const length = byteCount(req.header('upload-length'), 'Upload-Length');
    const metadataHeader = req.header('upload-metadata');
    const metadata = parseMetadata(metadataHeader);
    const upload = await this.tus.create({
      owner,
      length,
      name: storedFileName(metadata.get('filename') ?? metadata.get('name')),
      contentType: storedContentType(metadata.get('filetype') ?? metadata.get('type') ?? metadata.get('contentType')),
      metadata: metadataHeader ?? null,
    });
    res.setHeader('Location', `${this.config.http.publicUrl ?? ''}/v1/uploads/${upload.id}`);
    let state: UploadState = { id: upload.id, offset: 0, length, metadata: upload.metadata, expiresAt: upload.expiresAt };
    if (req.header('content-type') === OFFSET_TYPE) state = await answerWhole(req, () => this.tus.append(upload.id, owner, this.chunk(req, 0)));
    this.describe(res, state);
    res.status(201);
  }

  @Head(':id')
  @UseGuards(TusVersionGuard, ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @TUS_HEADER
  @UPLOAD_ID
  @ApiOperation({ summary: 'How far an upload got: Upload-Offset (resume from there)' })
  @ApiResponse({ status: 200, description: 'Upload-Offset, Upload-Length, Upload-Metadata, Upload-Expires' })
  @ApiProblems('UNAUTHORIZED', 'TUS_VERSION_UNSUPPORTED', 'UPLOAD_NOT_FOUND', 'UPLOAD_EXPIRED')
  async head(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string): Promise<void> {
    this.describe(res, await this.tus.state(id, ownerOf(req)));
    res.setHeader('Cache-Control', 'no-store');
    res.status(200);
  }

  @Patch(':id')
  @HttpCode(204)
  @UseGuards(TusVersionGuard, ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @TUS_HEADER
  @UPLOAD_ID
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Where these bytes start: the offset HEAD reported' })
  @ApiHeader({ name: 'Upload-Checksum', required: false, description: `<algorithm> <base64> of this request's bytes; algorithms: ${CHECKSUM_ALGORITHMS.join(', ')}` })
  @ApiConsumes(OFFSET_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Append bytes to an upload', description: 'The last byte makes the stored file `store://<id>`.' })
  @ApiNoContentResponse({ description: 'Upload-Offset: the new offset' })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'TUS_VERSION_UNSUPPORTED', 'UPLOAD_NOT_FOUND', 'UPLOAD_OFFSET_MISMATCH', 'UPLOAD_EXPIRED', 'UNSUPPORTED_MEDIA_TYPE', 'CHECKSUM_MISMATCH', 'QUOTA_EXCEEDED', 'STORE_FULL')
  async patch(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('id') id: string): Promise<void> {
    // A refused request's body is read and dropped, so that its client sees the answer (see answerWhole).
    const state = await answerWhole(req, () => {
      const owner = ownerOf(req);
      if (req.header('content-type') !== OFFSET_TYPE) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `A PATCH carries Content-Type: ${OFFSET_TYPE}`);
      return this.tus.append(id, owner, this.chunk(req, byteCount(req.header('upload-offset'), 'Upload-Offset')));
    });
    this.describe(res, state);
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(TusVersionGuard, ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @TUS_HEADER
  @UPLOAD_ID
  @ApiOperation({ summary: 'Abandon an unfinished upload (tus termination): its bytes are removed' })
  @ApiNoContentResponse({ description: 'Terminated' })
  @ApiProblems('UNAUTHORIZED', 'TUS_VERSION_UNSUPPORTED', 'UPLOAD_NOT_FOUND')
  async terminate(@Req() req: Request, @Param('id') id: string): Promise<void> {
    await this.tus.terminate(id, ownerOf(req));
  }

  private chunk(req: Request, offset: number) {
    const length = req.header('content-length');
    return { offset, body: bodyOf(req), length: length === undefined ? undefined : Number(length), checksum: parseChecksum(req.header('upload-checksum')) };
  }

  private describe(res: Response, state: UploadState): void {
    res.setHeader('Upload-Offset', String(state.offset));
    res.setHeader('Upload-Length', String(state.length));
    if (state.metadata) res.setHeader('Upload-Metadata', state.metadata);
    if (state.expiresAt) res.setHeader('Upload-Expires', state.expiresAt.toUTCString());
  }
}
