/**
 * One line of a bundle's manifest: the file at `position` (from 0, as in the
 * files API), the entry name it has in the zip, its source with any query string
 * redacted, and what is known of it (size, CRC-32, source version) from the
 * store or from a download that read it.
 */
export interface ManifestRow {
  readonly position: number;
  readonly dst: string;
  readonly src: string;
  readonly size: number | undefined;
  readonly crc32: number | undefined;
  readonly version: string | undefined;
}

/**
 * The columns, in order. `dst` holds the entry name, so that importing a manifest
 * gives a bundle whose zip names every file the same.
 */
export const MANIFEST_COLUMNS = ['position', 'dst', 'src', 'size', 'crc32', 'version'] as const;

/** The cells of a row, as text; an unknown value is an empty cell. */
export function manifestCells(row: ManifestRow): [number, string, string, number | undefined, string, string] {
  return [row.position, row.dst, row.src, row.size, row.crc32 === undefined ? '' : row.crc32.toString(16).padStart(8, '0'), row.version ?? ''];
}
