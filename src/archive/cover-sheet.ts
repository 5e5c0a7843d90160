import { shownSource } from '../storage/source-uri.js';

export type EntryOutcome =
  | { readonly status: 'included'; readonly name: string; readonly src: string; readonly size: number; readonly crc32: number }
  | { readonly status: 'skipped'; readonly name: string; readonly src: string; readonly reason: string };

export interface CoverSheetInput {
  readonly title: string;
  /** The bundle version (or the request time of a one-off), so that a version's bytes never change. */
  readonly asOf: Date;
  readonly outcomes: readonly EntryOutcome[];
}

const hex = (crc: number) => crc.toString(16).padStart(8, '0');


/** The human-readable manifest: what is in the zip, where it came from, and what failed. */
/** The names the cover sheet's files ask for, in the order they end the zip. */
const COVER_SHEET_NAMES = ['MANIFEST.txt', 'MANIFEST.csv'] as const;

export interface CoverSheetFile {
  readonly name: string;
  readonly data: Buffer;
}

export function coverSheetFiles(input: CoverSheetInput): CoverSheetFile[] {
  const [text, csv] = COVER_SHEET_NAMES;
  return [
    { name: text, data: Buffer.from(manifestText(input), 'utf8') },
    { name: csv, data: Buffer.from(manifestCsv(input), 'utf8') },
  ];
}

export function manifestText({ title, asOf, outcomes }: CoverSheetInput): string {
  const included = outcomes.filter((o) => o.status === 'included');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const lines = [
    title,
    `As of: ${asOf.toISOString()}`,
    `Files: ${included.length} included, ${skipped.length} skipped`,
    '',
    'Files',
    ...included.map((o) => `  ${o.name}  ${o.size} bytes  crc32 ${hex(o.crc32)}  from ${shownSource(o.src)}`),
  ];
  if (skipped.length > 0) lines.push('', 'Errors', ...skipped.map((o) => `  ${o.name}  from ${shownSource(o.src)}: ${shownSource(o.reason)}`));
  return `${lines.join('\n')}\n`;
}

/** The same, one row per file, for spreadsheets and scripts. */
export function manifestCsv({ outcomes }: CoverSheetInput): string {
  const rows = [['name', 'source', 'status', 'size', 'crc32', 'error']];
  for (const o of outcomes) {
    const src = shownSource(o.src);
    rows.push(o.status === 'included' ? [o.name, src, o.status, String(o.size), hex(o.crc32), ''] : [o.name, src, o.status, '', '', shownSource(o.reason)]);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  // Quote always; neutralise leading formula characters so spreadsheets don't evaluate them.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}
