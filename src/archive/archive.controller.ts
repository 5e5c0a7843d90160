import { untilClientGone } from '../common/client-gone.js';
import { Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { JsonBody } from '../http/json-body.decorator.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { sanitizeZipFilename } from '../bundles/bundle-filename.js';
import { FileRefsValidator } from '../bundles/file-refs.validator.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { ArchiveService } from './archive.service.js';
import { StreamLimiter } from './stream-limiter.js';
import { SOURCE_PROBLEMS, ZIP } from './zip-openapi.js';
import { CreateArchiveDto } from './dto/create-archive.dto.js';
import { ZipResponder } from './zip-response.js';


@ApiTags('archives')
@Controller()
export class ArchiveController {
  constructor(
    private readonly archives: ArchiveService,
    private readonly validator: FileRefsValidator,
    private readonly clock: Clock,
    private readonly limiter: StreamLimiter,
    private readonly responder: ZipResponder,
    private readonly config: AppConfig,
  ) {}

  @Post('v1/archives')
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth('apiKey')
  @ApiOperation({ summary: 'Stream a one-off zip of the posted files; nothing is stored' })
  @ApiProduces('application/zip')
  @ApiOkResponse(ZIP)
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'PAYLOAD_TOO_LARGE', 'TOO_MANY_FILES', 'SERVICE_UNAVAILABLE', ...SOURCE_PROBLEMS)
  async oneOff(@Req() req: Request, @JsonBody() body: CreateArchiveDto, @Res() res: Response): Promise<void> {
    const files = await this.validator.assertValid(body.files, req.principal?.keyId ?? null);
    res.once('close', this.limiter.acquire(req.principal?.keyId));
    if (body.verify) await this.archives.verify(files, untilClientGone(res));
    const now = this.clock.now();
    const filename = sanitizeZipFilename(body.filename, `${now.toISOString().slice(0, 10)}`);
    const zip = this.archives.stream({
      title: filename,
      files,
      onError: body.onError ?? 'abort',
      coverSheet: body.coverSheet ?? true,
      compression: body.compression ?? this.config.archive.compression,
      mtime: now,
    });
    await this.responder.send(res, filename, zip);
  }
}
