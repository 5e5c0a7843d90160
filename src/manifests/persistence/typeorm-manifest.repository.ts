import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { arrayRows } from '../../database/array-rows.js';
import { type KnownFile, ManifestRepository } from './manifest.repository.js';

/** position, src, dst, size, crc32, version */
type KnownFileRow = [number, string, string | null, string | null, string | null, string | null];

@Injectable()
export class TypeOrmManifestRepository extends ManifestRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async knownFiles(bundleId: string, fromIndex: number, limit: number): Promise<KnownFile[]> {
    // CASE keeps the uuid cast away from other schemes' sources; a stored file's size and CRC-32 are fixed at upload.
    // Positions run 0…fileCount-1 without gaps: a bounded range stays an index range scan
    // even where the statistics still say the bundle is small (a lower bound alone made
    // each page of a bulk-imported bundle scan and sort the whole rest of it).
    const rows = await arrayRows<KnownFileRow>(
      this.db,
      `SELECT f.position, f.src, f.dst, COALESCE(s.size, f.size) AS size, COALESCE(s.crc32, f.crc32) AS crc32, f.version
         FROM bundle_file f
         LEFT JOIN stored_file s ON s.id = (CASE WHEN lower(left(f.src, 8)) = 'store://' THEN substr(f.src, 9)::uuid END)
        WHERE f.bundle_id = $1 AND f.position >= $2 AND f.position < $2 + $3
        ORDER BY f.position`,
      [bundleId, fromIndex, limit],
    );
    return rows.map(([index, src, dst, size, crc32, version]) => ({
      index,
      src,
      ...(dst === null ? {} : { dst }),
      size: size === null ? undefined : Number(size),
      crc32: crc32 === null ? undefined : Number(crc32),
      version: version ?? undefined,
    }));
  }
}
