import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { ManifestFormat } from './manifest-format.js';

export class ManifestQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], description: 'Overrides `Accept`; CSV when neither says' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: ManifestFormat;

  @ApiPropertyOptional({ description: 'A signed download link token, instead of the secret' })
  @IsOptional()
  @IsString()
  token?: string;
}
