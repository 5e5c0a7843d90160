import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { COMPRESSIONS, type Compression } from '../../../archive/compression.js';

const asBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The new bundle's settings, as `POST /v1/bundles` takes them in its body; here in the query, since the body is the spreadsheet. */
export class ImportBundleQueryDto {
  @ApiPropertyOptional({ description: 'Download filename; default: the spreadsheet\'s name with `.zip`, else `bundle-<id>.zip`', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ enum: COMPRESSIONS })
  @IsOptional()
  @IsIn(COMPRESSIONS)
  compression?: Compression;

  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  coverSheet?: boolean;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-31T23:59:59Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
