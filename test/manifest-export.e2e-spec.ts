import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { curlUpload, type StoredFileBody } from './support/store-client.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const FILES = 10_000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Debian's python3, where python3-openpyxl is installed (another python3 may come first on PATH).
const DEBIAN_PYTHON = '/usr/bin/python3';

/** Rows as every reader here gives them back: text cells, numbers as decimal text, empty as ''. */
type Row = string[];

async function pythonCsvRows(path: string): Promise<Row[]> {
  const { stdout } = await run('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))', path], { maxBuffer: 1 << 28 });
  return JSON.parse(stdout) as Row[];
}

async function openpyxlRows(path: string): Promise<Row[]> {
  const script = 'import json,sys,openpyxl\nws=openpyxl.load_workbook(sys.argv[1],read_only=True).active\nprint(json.dumps([["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]))';
  const { stdout } = await run(DEBIAN_PYTHON, ['-c', script, path], { maxBuffer: 1 << 28 });
  return (JSON.parse(stdout) as Row[]).map((r) => [...r, ...Array(6 - r.length).fill('')]);
}

/** LibreOffice opens the workbook and saves it as CSV (UTF-8); Python reads that CSV. */
async function libreOfficeRows(path: string, outDir: string): Promise<Row[]> {
  await run('libreoffice', ['--headless', `-env:UserInstallation=file://${outDir}/profile`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', outDir, path], { timeout: 120_000 });
  return pythonCsvRows(join(outDir, path.split('/').pop()!.replace(/\.xlsx$/, '.csv')));
}

async function download(base: string, path: string, to: string, headers: Record<string, string>): Promise<Response> {
  const res = await fetch(`${base}${path}`, { headers });
  writeFileSync(to, Buffer.from(await res.arrayBuffer()));
  return res;
}

/** A bundle's manifest as CSV and XLSX, read back by Python, openpyxl and LibreOffice, against the zip the bundle downloads as. */
describe('manifest export', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-manifest-export-'));
  const root = join(work, 'root');
  let t: TestApp;
  let base: string;
  let bundle: { id: string; secret: string };
  let stored: StoredFileBody;

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ LOCAL_STORAGE_ROOT: root, STORE_DIR: join(work, 'store') }));
    mkdirSync(join(root, 'in'), { recursive: true });
    writeFileSync(join(work, 'report.pdf'), 'a stored file');
    stored = (await curlUpload(base, ['-T', join(work, 'report.pdf')], TEST_API_KEY, '/v1/files/')).body as unknown as StoredFileBody;
    // Names as people keep them: duplicates that the zip renames, commas, quotes, formulas, Unicode, no dst at all.
    const dsts = [(i: number) => `dir ${i % 7}/file, "${i}".txt`, (i: number) => `=HYPERLINK("x${i}")`, () => 'same.txt', (i: number) => `Grüße/ünïcødé ${i}.txt`, () => undefined];
    const files = Array.from({ length: FILES - 1 }, (_, i) => {
      writeFileSync(join(root, 'in', `f${i}.txt`), `file ${i}\n`);
      const dst = dsts[i % dsts.length](i);
      return dst === undefined ? { src: `file:///in/f${i}.txt` } : { src: `file:///in/f${i}.txt`, dst };
    });
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'Quarterly files', coverSheet: false, files: [{ src: stored.src }, ...files] }),
    });
    expect(res.status).toBe(201);
    bundle = (await res.json()) as { id: string; secret: string };
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('names every file as the zip does, one row per file in order, with what the store knows (Python reads the CSV)', async () => {
    const csvPath = join(work, 'm.csv');
    const res = await download(base, `/v1/bundles/${bundle.id}/manifest`, csvPath, { 'X-Bundle-Secret': bundle.secret });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="Quarterly files-manifest.csv"');
    const zipPath = join(work, 'b.zip');
    expect((await download(base, `/v1/bundles/${bundle.id}/download`, zipPath, { 'X-Bundle-Secret': bundle.secret })).status).toBe(200);
    const { stdout } = await run('python3', ['-c', 'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', zipPath], { maxBuffer: 1 << 26 });
    const zipNames = JSON.parse(stdout) as string[];

    const [header, ...rows] = await pythonCsvRows(csvPath);
    expect(header).toEqual(['position', 'dst', 'src', 'size', 'crc32', 'version']);
    expect(rows.map((r) => r[0])).toEqual(zipNames.map((_, i) => String(i)));
    // A formula-like name is kept behind an apostrophe in CSV (a spreadsheet would run it otherwise).
    expect(rows.map((r) => r[1].replace(/^'(?=[=+\-@])/, ''))).toEqual(zipNames);
    expect(rows.filter((r) => r[1] === 'same (1).txt')).toHaveLength(1);
    expect(rows[0]).toEqual(['0', 'report.pdf', stored.src, String(stored.size), stored.crc32, '']);
    expect(rows[1]).toEqual(['1', 'dir 0/file, "0".txt', 'file:///in/f0.txt', '', '', '']);
    expect(rows[2][1]).toBe(`'=HYPERLINK("x1")`);
  }, 120_000);

  it('writes a workbook that openpyxl and LibreOffice read back row for row, the same bytes each time', async () => {
    const xlsxPath = join(work, 'Quarterly files-manifest.xlsx');
    const res = await download(base, `/v1/bundles/${bundle.id}/manifest`, xlsxPath, { 'X-Bundle-Secret': bundle.secret, Accept: XLSX_TYPE });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, XLSX_TYPE]);
    const again = join(work, 'again.xlsx');
    await download(base, `/v1/bundles/${bundle.id}/manifest?format=xlsx`, again, { 'X-Bundle-Secret': bundle.secret });
    expect(readFileSync(again).equals(readFileSync(xlsxPath))).toBe(true);
    await run('unzip', ['-tq', xlsxPath]);

    await download(base, `/v1/bundles/${bundle.id}/manifest`, join(work, 'm2.csv'), { 'X-Bundle-Secret': bundle.secret });
    const [, ...csv] = await pythonCsvRows(join(work, 'm2.csv'));
    const expected = csv.map((r) => [r[0], r[1].replace(/^'(?=[=+\-@])/, ''), ...r.slice(2)]);
    const [header, ...fromOpenpyxl] = await openpyxlRows(xlsxPath);
    expect(header).toEqual(['position', 'dst', 'src', 'size', 'crc32', 'version']);
    expect(fromOpenpyxl).toEqual(expected);
    const [, ...fromLibreOffice] = await libreOfficeRows(xlsxPath, join(work, 'lo'));
    expect(fromLibreOffice).toEqual(expected);
  }, 180_000);

  it('redacts query strings, and asks for the same credentials as the download', async () => {
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'https://files.example.com/a.pdf?X-Amz-Signature=secret', dst: 'a.pdf' }, { src: 's3://bucket/k/b.txt' }] }),
    });
    const small = (await res.json()) as { id: string; secret: string };
    const csv = await (await fetch(`${base}/v1/bundles/${small.id}/manifest?format=csv`, { headers: { 'X-Bundle-Secret': small.secret } })).text();
    expect(csv).not.toContain('secret');
    expect(csv).toContain('"https://files.example.com/a.pdf?[redacted]"');
    expect(csv).toContain('"k/b.txt","s3://bucket/k/b.txt"');

    const wrong = await fetch(`${base}/v1/bundles/${small.id}/manifest`, { headers: { 'X-Bundle-Secret': 'wrong' } });
    expect([wrong.status, wrong.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
    const unacceptable = await fetch(`${base}/v1/bundles/${small.id}/manifest`, { headers: { 'X-Bundle-Secret': small.secret, Accept: 'application/json' } });
    expect(unacceptable.status).toBe(406);
    expect(await unacceptable.json()).toMatchObject({ code: 'NOT_ACCEPTABLE', type: '/problems/not-acceptable' });
    const minted = await fetch(`${base}/v1/bundles/${small.id}/links`, { method: 'POST', headers: { 'X-Bundle-Secret': small.secret, 'Content-Type': 'application/json' }, body: '{}' });
    expect(minted.status).toBe(201);
    const link = (await minted.json()) as { token: string };
    const byLink = await fetch(`${base}/v1/bundles/${small.id}/manifest?token=${encodeURIComponent(link.token)}`);
    expect(byLink.status).toBe(200);
    expect(await byLink.text()).toBe(csv);
  });
});
