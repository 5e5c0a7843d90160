import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SEAL_STATES = ['unsealed', 'sealing', 'sealed', 'failed'] as const;
export type SealState = (typeof SEAL_STATES)[number];

export class SealStatusDto {
  @ApiProperty({ enum: SEAL_STATES, description: '`sealed`: downloads carry Content-Length, ETag and ranges. `unsealed`: not yet known, or a source changed since.' })
  state: SealState;

  @ApiProperty({ example: 120, description: 'Files in the bundle' })
  files: number;

  @ApiProperty({ example: 48, description: 'Files measured so far by the running seal' })
  filesDone: number;

  @ApiProperty({ example: 734003200, description: 'Source bytes read so far by the running seal (sources whose store knows a CRC-32 need none)' })
  bytesRead: number;

  @ApiPropertyOptional({ example: 2147500000, description: 'The zip\'s exact length, once sealed' })
  contentLength?: number;

  @ApiPropertyOptional({ example: '"3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn"', description: 'The zip\'s strong ETag, once sealed' })
  etag?: string;

  @ApiPropertyOptional({ example: 'report.pdf: s3://bucket/report.pdf does not exist (HTTP 404)', description: 'Why the last seal failed' })
  error?: string;
}
