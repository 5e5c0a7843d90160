import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IndexedFileRefDto } from './file-ref.dto.js';

export const MAX_PAGE_SIZE = 1000;

export class FilePageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page\'s `nextCursor`' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class FilePageDto {
  @ApiProperty({ type: [IndexedFileRefDto] })
  items: IndexedFileRefDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
    example: 'aTo1MDA',
  })
  nextCursor: string | null;
}
