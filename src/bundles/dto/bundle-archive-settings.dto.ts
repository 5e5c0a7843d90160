import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { COMPRESSIONS, type Compression } from '../../archive/compression.js';

/** How a bundle's downloads are made, unless a request says otherwise; set on create, changed by PATCH. */
export class BundleArchiveSettingsDto {
  @ApiPropertyOptional({
    enum: COMPRESSIONS,
    description: 'How entries are stored: `store` (exact sizes, resumable), `auto` (deflate what is likely to shrink), `deflate` (everything). Default: ARCHIVE_COMPRESSION (`store`).',
  })
  @IsOptional()
  @IsIn(COMPRESSIONS)
  compression?: Compression;

  @ApiPropertyOptional({ default: true, description: 'End the zip with MANIFEST.txt and MANIFEST.csv' })
  @IsOptional()
  @IsBoolean()
  coverSheet?: boolean;
}
