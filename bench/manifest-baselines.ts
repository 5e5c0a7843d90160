// The libraries the manifest export and import are measured against, each in a process of
// its own (run by manifests.bench.ts), on the same 1,000,000 rows:
//   exceljs-write <out.xlsx>   ExcelJS's streaming WorkbookWriter (inline strings, as ours)
//   csv-stringify <out.csv>    csv-stringify piped to a file
//   exceljs-read <in.xlsx>     ExcelJS's streaming WorkbookReader
//   csv-parse <in.csv>         csv-parse from a file stream
// Prints one JSON line: {seconds, rows, rssGrowthMiB}, RSS growth from a baseline taken after
// the modules were loaded and a warm-up of 1,000 rows.
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

const [mode, path, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 1_000_000);
const HEADER = ['position', 'dst', 'src', 'size', 'crc32', 'version'];
const row = (i: number) => [i, `out/${String(Math.floor(i / 1000)).padStart(4, '0')}/file-${String(i).padStart(7, '0')}.bin`, `s3://bench-bucket/data/${String(Math.floor(i / 1000)).padStart(4, '0')}/object-${String(i).padStart(7, '0')}.bin`];

async function exceljsWrite(out: string, rows: number): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Manifest');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
  return rows;
}

async function csvStringify(out: string, rows: number): Promise<number> {
  await pipeline(Readable.from((function* () { yield HEADER; for (let i = 0; i < rows; i++) yield row(i); })()), stringify(), createWriteStream(out));
  return rows;
}

async function exceljsRead(input: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore' });
  for await (const sheet of reader) for await (const _ of sheet) rows += 1;
  return rows - 1;
}

async function csvParse(input: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(input).pipe(parse({ bom: true, relax_column_count: true }))) rows += 1;
  return rows - 1;
}

const run = { 'exceljs-write': (p: string, n: number) => exceljsWrite(p, n), 'csv-stringify': (p: string, n: number) => csvStringify(p, n), 'exceljs-read': (p: string) => exceljsRead(p), 'csv-parse': (p: string) => csvParse(p) }[mode];
if (!run) throw new Error(`unknown mode ${mode}`);
// Warm-up on a small file of its own, so that the baseline holds the loaded code.
const warm = `${path}.warm`;
if (mode.endsWith('write') || mode === 'csv-stringify') await run(warm, 1000);
rmSync(warm, { force: true });
const baseline = process.memoryUsage.rss();
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const started = performance.now();
const rows = await run(path, ROWS);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
process.stdout.write(`${JSON.stringify({ seconds, rows, rssGrowthMiB: (peak - baseline) / 2 ** 20 })}\n`);
