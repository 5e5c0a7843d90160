import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class FileRefDto {
  @ApiProperty({
    description: 'Where the file is: `s3://bucket/key`, `https://…`, `http://…` or `file:///path/under/root`',
    example: 's3://reports/2026/q3/summary.pdf',
    maxLength: 4096,
  })
  @IsString()
  @MaxLength(4096)
  src: string;

  @ApiPropertyOptional({
    description: 'Path of the entry inside the zip; relative, no `..`. Defaults to the path of `src`.',
    example: 'reports/summary.pdf',
    maxLength: 1024,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  dst?: string;
}

export class IndexedFileRefDto extends FileRefDto {
  @ApiProperty({ description: 'Position of the file in the bundle, from 0', example: 0 })
  index: number;
}
