import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FileRefDto } from '../../bundles/dto/file-ref.dto.js';
import { ArchiveOptionsDto } from './archive-options.dto.js';

export class CreateArchiveDto extends ArchiveOptionsDto {
  @ApiPropertyOptional({ example: 'attachments.zip', maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiProperty({ type: [FileRefDto], description: 'Files, in archive order' })
  @IsArray()
  @ArrayMaxSize(10_000_000)
  @ValidateNested({ each: true })
  @Type(() => FileRefDto)
  files: FileRefDto[];
}
