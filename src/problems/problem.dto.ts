import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CATALOG, type ProblemCode } from './problem-catalog.js';

export class FieldErrorDto {
  @ApiProperty({ example: '/files/0/dst', description: 'JSON Pointer to the offending member' })
  pointer: string;

  @ApiProperty({ example: 'must not contain ".." segments' })
  detail: string;

  @ApiPropertyOptional({ example: 7, description: 'For an imported spreadsheet: the row, as a spreadsheet numbers it (the header is row 1)' })
  row?: number;

  @ApiPropertyOptional({ example: 'src', description: 'For an imported spreadsheet: the column, by its header name' })
  column?: string;
}

export class ProblemDto {
  @ApiProperty({ example: '/problems/bundle-not-found', description: 'Stable URI identifying the problem type' })
  type: string;

  @ApiProperty({ example: 'No such bundle, or the secret does not match it' })
  title: string;

  @ApiProperty({ example: 404 })
  status: number;

  @ApiProperty({ example: 'No such bundle, or the secret does not match it' })
  detail: string;

  @ApiProperty({ example: '/v1/bundles/0b7e2c4e-9d56-4a43-9a43-1a9a8a1c2d3e' })
  instance: string;

  @ApiProperty({ enum: Object.keys(PROBLEM_CATALOG), example: 'BUNDLE_NOT_FOUND' })
  code: ProblemCode;

  @ApiPropertyOptional({ example: '5f1f0a52-3c7a-4e35-8f07-2f4d3f0f6f11' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation failures' })
  errors?: FieldErrorDto[];
}
