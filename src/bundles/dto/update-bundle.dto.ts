import { ApiPropertyOptional } from '@nestjs/swagger';
import { BundleArchiveSettingsDto } from './bundle-archive-settings.dto.js';
import { IsBoolean, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateBundleDto extends BundleArchiveSettingsDto {
  @ApiPropertyOptional({ example: 'renamed.zip', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
