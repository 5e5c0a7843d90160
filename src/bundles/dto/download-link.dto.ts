import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class CreateDownloadLinkDto {
  @ApiPropertyOptional({ description: 'Lifetime of the link; default LINK_LIFETIME_MINUTES, never past the bundle\'s expiry', example: 60, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100 * 525_600)
  expiresInMinutes?: number;
}

export class DownloadLinkDto {
  @ApiProperty({ example: '/v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/download?token=t1a2b3c.Zm9v…' })
  url: string;

  @ApiProperty({ example: 't1a2b3c.Zm9vYmFy…' })
  token: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}
