import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FileRefDto } from '../bundles/dto/file-ref.dto.js';

export class ZipstreamBundleBodyDto {
  @ApiPropertyOptional({ example: 'my-awesome-bundle.zip' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ type: [FileRefDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FileRefDto)
  files?: FileRefDto[];
}

/** ZipStream's bundle representation, field for field. */
export class ZipstreamBundleDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'Echoed from the request; only its hash is stored' })
  secret: string;

  @ApiProperty({ example: 'my-awesome-bundle.zip' })
  filename: string;

  @ApiProperty({ type: [FileRefDto] })
  files: FileRefDto[];

  @ApiProperty({ description: 'Expiry as a Unix timestamp in seconds', example: 1503029550 })
  expirationDate: number;
}
