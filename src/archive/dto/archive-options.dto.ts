import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import type { OnError } from '../archive.service.js';
import { COMPRESSIONS, type Compression } from '../compression.js';

export class ArchiveOptionsDto {
  @ApiPropertyOptional({
    enum: ['abort', 'skip'],
    default: 'abort',
    description: '`abort`: a source failing after the first byte aborts the download. `skip`: the entry is left out and listed in the cover sheet.',
  })
  @IsOptional()
  @IsIn(['abort', 'skip'])
  onError?: OnError;

  @ApiPropertyOptional({
    enum: COMPRESSIONS,
    description: 'Overrides the bundle\'s compression for this download (for one-off archives, ARCHIVE_COMPRESSION is the default). Only `store` gives sizes that are known ahead.',
  })
  @IsOptional()
  @IsIn(COMPRESSIONS)
  compression?: Compression;

  @ApiPropertyOptional({ default: false, description: 'Stat every source before the first byte; a missing or forbidden one then answers 502 problem+json instead of a zip' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  verify?: boolean;

  @ApiPropertyOptional({ description: 'Append MANIFEST.txt and MANIFEST.csv as the last entries. Default: the bundle\'s setting (true for one-off archives).' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  coverSheet?: boolean;
}

/** Query of a bundle download: the options, plus an optional link token. */
export class DownloadQueryDto extends ArchiveOptionsDto {
  @IsOptional()
  @IsString()
  token?: string;
}
