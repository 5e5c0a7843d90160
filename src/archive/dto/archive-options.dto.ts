import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import type { OnError } from '../archive.service.js';

export class ArchiveOptionsDto {
  @ApiPropertyOptional({
    enum: ['abort', 'skip'],
    default: 'abort',
    description: '`abort`: a source failing after the first byte aborts the download. `skip`: the entry is left out and listed in the cover sheet.',
  })
  @IsOptional()
  @IsIn(['abort', 'skip'])
  onError?: OnError;

  @ApiPropertyOptional({ default: false, description: 'Stat every source before the first byte; a missing or forbidden one then answers 502 problem+json instead of a zip' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  verify?: boolean;

  @ApiPropertyOptional({ default: true, description: 'Append MANIFEST.txt and MANIFEST.csv as the last entries' })
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
