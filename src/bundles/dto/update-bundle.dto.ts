import { ApiPropertyOptional } from '@nestjs/swagger';
import { COMPRESSIONS, type Compression } from '../../archive/compression.js';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateBundleDto {
  @ApiPropertyOptional({ example: 'renamed.zip', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  public?: boolean;

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

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
