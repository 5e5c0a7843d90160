import { ApiPropertyOptional } from '@nestjs/swagger';
import { BundleArchiveSettingsDto } from './bundle-archive-settings.dto.js';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FileRefDto } from './file-ref.dto.js';

export class CreateBundleDto extends BundleArchiveSettingsDto {
  @ApiPropertyOptional({
    description: 'Download filename; sanitised, `.zip` appended if missing. Default `bundle-<id>.zip`.',
    example: 'q3-reports.zip',
    maxLength: 255,
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ default: false, description: 'Public bundles download with their (unguessable) id alone' })
  @IsOptional()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ type: [FileRefDto], description: 'Files, in archive order', default: [] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FileRefDto)
  files?: FileRefDto[];

  @ApiPropertyOptional({
    description: 'When the bundle expires (RFC 3339). Default: now + BUNDLE_LIFETIME_MINUTES.',
    example: '2026-12-31T23:59:59Z',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
