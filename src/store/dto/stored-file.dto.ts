import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { contentTag, type StoredFile, storeUri } from '../stored-file.js';

export class StoredFileDto {
  @ApiProperty({ format: 'uuid', example: '0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d' })
  id: string;

  @ApiProperty({ description: 'Use as `src` in a bundle of the same API key', example: 'store://0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d' })
  src: string;

  @ApiProperty({ example: 'report.pdf' })
  name: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ example: 1048576 })
  size: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, as in Content-Digest (RFC 9530)', example: 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:' })
  digest: string;

  @ApiProperty({ description: 'CRC-32 of the bytes, 8 hex digits', example: '1c291ca3' })
  crc32: string;

  @ApiProperty({ description: 'The strong ETag of GET /v1/files/{id}/content', example: '"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"' })
  etag: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(file: StoredFile): StoredFileDto {
    return {
      id: file.id,
      src: storeUri(file.id),
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      digest: `sha-256=:${file.sha256.toString('base64')}:`,
      crc32: (file.crc32 >>> 0).toString(16).padStart(8, '0'),
      etag: contentTag(file),
      createdAt: file.createdAt.toISOString(),
    };
  }
}

export class StoredFilesDto {
  @ApiProperty({ type: [StoredFileDto], description: 'The files of a multipart upload, in the order of their parts' })
  files: StoredFileDto[];
}

export class StoredFilePageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page\'s `nextCursor`' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StoredFilePageDto {
  @ApiProperty({ type: [StoredFileDto], description: 'Newest first' })
  items: StoredFileDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class UploadQueryDto {
  @ApiPropertyOptional({ description: 'The file\'s name, for a raw body (else from Content-Disposition)', example: 'report.pdf' })
  @IsOptional()
  @IsString()
  filename?: string;
}

export class DeleteFileQueryDto {
  @ApiPropertyOptional({ description: 'Delete even when bundles refer to the file (their downloads then fail with SOURCE_NOT_FOUND)', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  force?: 'true' | 'false';
}
