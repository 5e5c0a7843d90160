import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { problemType } from '../../../problems/problem-catalog.js';
import type { ImportRecord } from '../import-record.js';

export class RowErrorDto {
  @ApiProperty({ example: 7, description: 'The row as a spreadsheet numbers it (the header is row 1)' })
  row: number;

  @ApiProperty({ example: 'src' })
  column: string;

  @ApiProperty({ example: 'unsupported scheme "ftp"' })
  reason: string;
}

export class ImportProblemDto {
  @ApiProperty({ example: '/problems/import-invalid' })
  type: string;

  @ApiProperty({ example: 'IMPORT_INVALID' })
  code: string;

  @ApiProperty({ example: '2 row(s) are not valid file references; nothing was imported' })
  detail: string;
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['create', 'append'] })
  kind: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] })
  state: string;

  @ApiProperty({ format: 'uuid', description: 'The bundle appended to, or the one created (which exists once the import succeeded)' })
  bundleId: string;

  @ApiProperty({ description: 'Data rows read so far' })
  rowsRead: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Files added, once succeeded' })
  rowsImported: number | null;

  @ApiProperty({ type: [RowErrorDto], description: 'The first 100 invalid rows of a failed import' })
  errors: RowErrorDto[];

  @ApiProperty({ type: ImportProblemDto, nullable: true, description: 'Why a failed import failed' })
  problem: ImportProblemDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;

  @ApiProperty({ example: '/v1/imports/0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d' })
  url: string;

  static from(r: ImportRecord): ImportDto {
    return {
      id: r.id,
      kind: r.kind,
      state: r.state,
      bundleId: r.bundleId,
      rowsRead: r.rowsRead,
      rowsImported: r.rowsImported,
      errors: r.errors.map(({ row, column, reason }) => ({ row, column, reason })),
      problem: r.problem && { type: problemType(r.problem.code), code: r.problem.code, detail: r.problem.detail },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      url: `/v1/imports/${r.id}`,
    };
  }
}

export class CreatedImportDto extends ImportDto {
  @ApiPropertyOptional({ description: 'The new bundle\'s secret: shown only once' })
  secret?: string;
}
