import { ApiProperty } from '@nestjs/swagger';
import { COMPRESSIONS, type Compression } from '../../archive/compression.js';
import type { Bundle } from '../bundle.js';

export class BundleLinksDto {
  @ApiProperty({ example: '/v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55' })
  self: string;

  @ApiProperty({ example: '/v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/files' })
  files: string;

  @ApiProperty({ example: '/v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/download' })
  download: string;
}

export class BundleDto {
  @ApiProperty({ format: 'uuid', example: '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55' })
  id: string;

  @ApiProperty({ example: 'q3-reports.zip' })
  filename: string;

  @ApiProperty({ example: 2 })
  fileCount: number;

  @ApiProperty({ example: false })
  public: boolean;

  @ApiProperty({ enum: COMPRESSIONS, example: 'store' })
  compression: Compression;

  @ApiProperty({ example: true })
  coverSheet: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:00:00.000Z' })
  expiresAt: string;

  @ApiProperty({ type: BundleLinksDto })
  links: BundleLinksDto;

  static from(bundle: Bundle): BundleDto {
    const self = `/v1/bundles/${bundle.id}`;
    return {
      id: bundle.id,
      filename: bundle.filename,
      fileCount: bundle.fileCount,
      public: bundle.public,
      compression: bundle.compression,
      coverSheet: bundle.coverSheet,
      createdAt: bundle.createdAt.toISOString(),
      updatedAt: bundle.updatedAt.toISOString(),
      expiresAt: bundle.expiresAt.toISOString(),
      links: { self, files: `${self}/files`, download: `${self}/download` },
    };
  }
}

export class CreatedBundleDto extends BundleDto {
  @ApiProperty({
    description: 'The bundle secret (256 bits, base64url). Shown only here: only its hash is stored.',
    example: 'Jx7oV1m1n7b0fY3cXWkq8yQ0nq2QpM4d2u9j2c6s0aE',
  })
  secret: string;
}
