import { Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { BundleSecretGuard } from '../bundles/bundle-secret.guard.js';
import { ApiProblems } from '../problems/api-problems.decorator.js';
import { SealStatusDto } from './seal-status.dto.js';
import { LayoutSealer } from './layout-sealer.js';

@ApiTags('bundles')
@Controller('v1/bundles/:id/seal')
export class SealController {
  constructor(private readonly sealer: LayoutSealer) {}

  @Post()
  @HttpCode(202)
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({
    summary: 'Seal the bundle\'s zip layout ahead of any download',
    description:
      'Reads each source once (a few at a time; none whose store knows its CRC-32) to learn every entry\'s size and CRC-32, so that ' +
      'downloads carry an exact Content-Length, a strong ETag and byte ranges. Runs in the background: follow it with GET. ' +
      'A complete download learns the same layout by itself. Any change to the bundle, or to a source, unseals it.',
  })
  @ApiAcceptedResponse({ type: SealStatusDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED', 'LAYOUT_NOT_POSSIBLE')
  seal(@Req() req: Request): Promise<SealStatusDto> {
    return this.sealer.start(req.bundle!);
  }

  @Get()
  @UseGuards(BundleSecretGuard)
  @ApiSecurity('bundleSecret')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOperation({ summary: 'Whether the bundle\'s layout is known, and how far a running seal has got' })
  @ApiOkResponse({ type: SealStatusDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'BUNDLE_NOT_FOUND', 'BUNDLE_EXPIRED')
  status(@Req() req: Request): Promise<SealStatusDto> {
    return this.sealer.status(req.bundle!);
  }
}
