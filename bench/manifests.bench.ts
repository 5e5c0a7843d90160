// Spreadsheet manifests of 1,000,000 files, as a user sees them (curl against the built
// service in a process of its own; embedded database, or DATABASE_URL when set):
// - export as CSV and as XLSX: time, time to the first byte, and the service's peak RSS
//   growth, against csv-stringify and ExcelJS's streaming WorkbookWriter writing the same
//   rows in the same run (libraries alone: no database, no HTTP);
// - import of the CSV and of the exported XLSX: time until the import has succeeded and
//   peak RSS growth, against csv-parse and ExcelJS's streaming WorkbookReader reading them.
// Each service measurement starts a fresh process on the same data, makes one small
// warm-up request of the same kind, then takes its RSS baseline.
// Run: npm run bench:manifests  (ROWS=… for another size)
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, rssKiB, sampleRss, startChild, stopChild, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const run = promisify(execFile);
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const KEY = 'manifest-bench-key-0123456789';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const work = mkdtempSync(join(tmpdir(), 'bundlestream-manifest-bench-'));
const dataDir = mkdtempSync(join(work, 'data-'));
const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
const baselines = fileURLToPath(new URL('./manifest-baselines.js', import.meta.url));

interface Figure {
  seconds: number;
  rssGrowthMiB: number;
  ttfbMs?: number;
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let text = 'src,dst\n';
  for (let i = 0; i < rows; i++) {
    const dir = String(Math.floor(i / 1000)).padStart(4, '0');
    const n = String(i).padStart(7, '0');
    text += `s3://bench-bucket/data/${dir}/object-${n}.bin,out/${dir}/file-${n}.bin\n`;
    if (text.length > 1 << 20 || i === rows - 1) {
      if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
      text = '';
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

async function service(): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const env = { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS: KEY, LOG_LEVEL: 'warn', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) };
  const child = await startChild(serviceArgs(main), env, () => waitForHttp(`http://127.0.0.1:${port}/health/live`, 60_000));
  return { base: `http://127.0.0.1:${port}`, child };
}

interface Imported {
  id: string;
  bundleId: string;
  secret: string;
  state: string;
}

/** curl posts the file (as a user would); resolves once the import has ended. */
async function importFile(base: string, path: string, type: string): Promise<Imported> {
  const { stdout } = await run('curl', ['-sS', '-X', 'POST', '-H', `Authorization: Bearer ${KEY}`, '-H', `Content-Type: ${type}`, '--data-binary', `@${path}`, `${base}/v1/bundles/import`], { maxBuffer: 1 << 24 });
  const started = JSON.parse(stdout) as Imported;
  if (!started.id) throw new Error(`the import was refused: ${stdout}`);
  for (let state = started.state; ; ) {
    if (state === 'succeeded') return started;
    if (state === 'failed') throw new Error(`import failed: ${stdout}`);
    await new Promise((r) => setTimeout(r, 100));
    const poll = await fetch(`${base}/v1/imports/${started.id}`, { headers: { 'X-Bundle-Secret': started.secret } });
    if (!poll.ok) throw new Error(`polling the import failed: ${poll.status} ${await poll.text()}`);
    state = ((await poll.json()) as Imported).state;
  }
}

async function exportTo(base: string, bundle: Imported, format: string, out: string): Promise<number> {
  const { stdout } = await run('curl', ['-sS', '-f', '-o', out, '-w', '%{time_starttransfer}', '-H', `X-Bundle-Secret: ${bundle.secret}`, `${base}/v1/bundles/${bundle.bundleId}/manifest?format=${format}`]);
  return Number(stdout) * 1000;
}

/** A fresh service, one warm-up, then `measure` with the service's RSS sampled from there. */
async function onFreshService<T>(warmUp: (base: string) => Promise<unknown>, measure: (base: string) => Promise<T>): Promise<{ value: T; figure: Figure }> {
  const { base, child } = await service();
  try {
    await warmUp(base);
    const baseline = rssKiB(child.pid!);
    const sampler = sampleRss(child.pid!);
    const started = performance.now();
    const value = await measure(base);
    const seconds = (performance.now() - started) / 1000;
    return { value, figure: { seconds, rssGrowthMiB: (sampler.stop() - baseline) / 1024 } };
  } finally {
    await stopChild(child);
  }
}

async function baseline(mode: string, path: string): Promise<Figure> {
  const { stdout } = await run(process.execPath, [baselines, mode, path, String(ROWS)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Figure;
}

const csvIn = join(work, 'in.csv');
const small = join(work, 'small.csv');
await writeCsv(csvIn, ROWS);
await writeCsv(small, 100);
const figures: Record<string, Figure> = {};

// Import of the CSV; the bundle it makes is then exported.
const csvImport = await onFreshService((b) => importFile(b, small, 'text/csv'), (b) => importFile(b, csvIn, 'text/csv'));
figures['import CSV'] = csvImport.figure;
const bundle = csvImport.value;
let warmBundle: Imported | undefined;
for (const format of ['csv', 'xlsx']) {
  const out = join(work, `out.${format}`);
  let ttfbMs = 0;
  const { figure } = await onFreshService(
    async (b) => {
      warmBundle ??= await importFile(b, small, 'text/csv');
      await exportTo(b, warmBundle, format, join(work, `warm.${format}`));
    },
    async (b) => (ttfbMs = await exportTo(b, bundle, format, out)),
  );
  figures[`export ${format.toUpperCase()}`] = { ...figure, ttfbMs };
}
const xlsxOut = join(work, 'out.xlsx');
figures['import XLSX'] = (await onFreshService((b) => importFile(b, join(work, 'warm.xlsx'), XLSX), (b) => importFile(b, xlsxOut, XLSX))).figure;

const libs = {
  'export CSV': await baseline('csv-stringify', join(work, 'lib.csv')),
  'export XLSX': await baseline('exceljs-write', join(work, 'lib.xlsx')),
  'import CSV': await baseline('csv-parse', csvIn),
  'import XLSX': await baseline('exceljs-read', xlsxOut),
};
const libName = { 'export CSV': 'csv-stringify', 'export XLSX': 'ExcelJS WorkbookWriter', 'import CSV': 'csv-parse', 'import XLSX': 'ExcelJS WorkbookReader' } as const;

const f = (n: number, d = 1) => n.toFixed(d);
console.log(`${ROWS.toLocaleString('en')} rows; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}`);
console.log(`CSV in: ${(statSync(csvIn).size / 1e6).toFixed(1)} MB; exported CSV ${(statSync(join(work, 'out.csv')).size / 1e6).toFixed(1)} MB, XLSX ${(statSync(xlsxOut).size / 1e6).toFixed(1)} MB\n`);
console.log(
  table(
    ['what', 'service s', 'service peak RSS growth MiB', 'TTFB ms', 'library', 'library s', 'library peak RSS growth MiB'],
    (Object.keys(libs) as (keyof typeof libs)[]).map((k) => [k, f(figures[k].seconds), f(figures[k].rssGrowthMiB), figures[k].ttfbMs === undefined ? '' : f(figures[k].ttfbMs!), libName[k], f(libs[k].seconds), f(libs[k].rssGrowthMiB)]),
  ),
);
rmSync(work, { recursive: true, force: true });
