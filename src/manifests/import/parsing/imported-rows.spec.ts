import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse';
import { type ImportedRow, ImportRefusal, type ImportLimits } from './imported-row.js';
import { drainedOrClosed } from './csv-rows.js';
import { importedRows } from './imported-rows.js';

const MAKE_XLSX = new URL('../../../../test/support/make_xlsx.py', import.meta.url).pathname;
const LIMITS: ImportLimits = { maxSharedStringsBytes: 1 << 20, maxInflatedBytes: 64 << 20, maxInflateRatio: 200 };
const dir = mkdtempSync(join(tmpdir(), 'bundlestream-parse-'));
let n = 0;

function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, content);
  return path;
}

/** An XLSX written by Python's zipfile from a spec (see test/support/make_xlsx.py). */
function xlsx(spec: Record<string, unknown>): string {
  const path = join(dir, `x${n++}.xlsx`);
  execFileSync('python3', [MAKE_XLSX], { input: JSON.stringify({ path, ...spec }) });
  return path;
}

async function read(path: string, limits = LIMITS): Promise<ImportedRow[]> {
  const rows: ImportedRow[] = [];
  for await (const row of importedRows(path, limits)) rows.push(row);
  return rows;
}

async function refusal(path: string, limits = LIMITS): Promise<ImportRefusal> {
  const err = await read(path, limits).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportRefusal);
  return err as ImportRefusal;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importedRows from CSV', () => {
  it('finds src and dst by name in any case, ignores other columns, numbers rows as a spreadsheet does, skips blank rows', async () => {
    const rows = await read(file('\ufeffNotes,DST,Src\r\nx,a.txt,s3://b/a\r\n\r\n,,\r\ny,,"s3://b/with,comma"\r\nz,"multi\nline",s3://b/c\r\n'));
    expect(rows).toEqual([
      { row: 2, src: 's3://b/a', dst: 'a.txt' },
      { row: 5, src: 's3://b/with,comma', dst: undefined },
      { row: 6, src: 's3://b/c', dst: 'multi\nline' },
    ]);
  });

  it.each([
    ['semicolons', 'src;dst\ns3://b/a;x,y.txt\n'],
    ['tabs', 'src\tdst\ns3://b/a\tx,y.txt\n'],
  ])('reads %s as European Excel and TSV exports write them', async (_, text) => {
    expect(await read(file(text))).toEqual([{ row: 2, src: 's3://b/a', dst: 'x,y.txt' }]);
  });

  it('takes back the apostrophe an export put before formula-like text', async () => {
    expect(await read(file(`src,dst\n"s3://b/a","'=1+1.txt"\n"s3://b/b","''@x"\n`))).toEqual([
      { row: 2, src: 's3://b/a', dst: '=1+1.txt' },
      { row: 3, src: 's3://b/b', dst: "'@x" },
    ]);
  });

  it('refuses a header without src, a src column named twice, and an empty sheet', async () => {
    expect((await refusal(file('path,dst\ns3://b/a,a\n'))).errors).toEqual([{ row: 1, column: 'src', reason: expect.stringContaining('no src column') }]);
    expect((await refusal(file('src,SRC\na,b\n'))).detail).toContain('2 times');
    expect((await refusal(file('\n\n'))).code).toBe('IMPORT_INVALID');
  });

  it('refuses text that is not UTF-8, UTF-16 text and legacy Excel files, saying what to save instead', async () => {
    expect((await refusal(file(Buffer.from('src\ns3://b/caf\xe9\n', 'latin1')))).detail).toContain('CSV UTF-8');
    const utf16 = await refusal(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('src\ns3://b/a\n', 'utf16le')])));
    expect([utf16.code, utf16.detail]).toEqual(['UNSUPPORTED_MEDIA_TYPE', expect.stringContaining('UTF-16')]);
    const xls = await refusal(file(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)])));
    expect([xls.code, xls.detail]).toEqual(['UNSUPPORTED_MEDIA_TYPE', expect.stringContaining('.xls')]);
  });

  it('reads a file far larger than the parser\'s buffer, through its backpressure', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `s3://b/${i},d/${i}`);
    const rows = await read(file(`src,dst\n${lines.join('\n')}\n`));
    expect(rows).toHaveLength(60_000);
    expect(rows[59_999]).toEqual({ row: 60_001, src: 's3://b/59999', dst: 'd/59999' });
  });

  it('leaves no listener behind on the parser for each pause (a million-row file paused thousands of times)', async () => {
    const parser = parse();
    for (let i = 0; i < 20; i++) {
      const waited = drainedOrClosed(parser);
      parser.emit('drain');
      await waited;
    }
    expect([parser.listenerCount('drain'), parser.listenerCount('close')]).toEqual([0, 0]);
  });

  it('refuses a broken quote, naming its line', async () => {
    expect((await refusal(file('src\ns3://b/a\n"s3://b/"x"\n'))).detail).toContain('at line 3');
  });
});

describe('importedRows from XLSX', () => {
  const sheet = [['SRC', 'Dst', 'n'], ['s3://b/a', 'a.txt', 3], [null, null], ['s3://b/é', 'é/x'], ['s3://b/amp&<', null]];

  it.each([
    ['shared strings (as Excel and LibreOffice write)', { shared: true }],
    ['inline strings', { shared: false }],
    ['prefixed tags (strict writers)', { shared: true, prefix: 'x:' }],
  ])('reads the first visible sheet with %s', async (_, options) => {
    const path = xlsx({ ...options, sheets: [{ name: 'Old', hidden: true, rows: [['src'], ['s3://b/hidden']] }, { name: 'Files', rows: sheet }] });
    expect(await read(path)).toEqual([
      { row: 2, src: 's3://b/a', dst: 'a.txt' },
      { row: 4, src: 's3://b/é', dst: 'é/x' },
      { row: 5, src: 's3://b/amp&<', dst: undefined },
    ]);
  });

  it('refuses a shared-string table over its bound, suggesting CSV', async () => {
    const rows = [['src'], ...Array.from({ length: 3000 }, (_, i) => [`s3://bucket/a-long-unique-path/${i}/${'x'.repeat(100)}`])];
    const err = await refusal(xlsx({ shared: true, sheets: [{ name: 'S', rows }] }), { ...LIMITS, maxSharedStringsBytes: 256 * 1024 });
    expect([err.code, err.detail]).toEqual(['IMPORT_TOO_LARGE', expect.stringContaining('CSV')]);
  });

  it('refuses a part that inflates too far (a zip bomb) before inflating it', async () => {
    const err = await refusal(xlsx({ bomb_bytes: 40 << 20, sheets: [{ name: 'B', rows: [] }] }));
    expect([err.code, err.detail]).toEqual(['IMPORT_TOO_LARGE', expect.stringContaining('inflate')]);
    const total = await refusal(xlsx({ bomb_bytes: 8 << 20, sheets: [{ name: 'B', rows: [] }] }), { ...LIMITS, maxInflatedBytes: 4 << 20, maxInflateRatio: 100_000 });
    expect(total.detail).toContain('IMPORT_MAX_INFLATED_BYTES');
  });

  it('refuses a DOCTYPE (entity declarations are how XML bombs are made) and rows past Excel\'s last', async () => {
    expect((await refusal(xlsx({ doctype: true, sheets: [{ name: 'D', rows: sheet }] }))).detail).toContain('DOCTYPE');
    const far = await refusal(xlsx({ first_row: 1_048_576, sheets: [{ name: 'F', rows: [['src'], ['s3://b/a']] }] }));
    expect([far.code, far.detail]).toEqual(['IMPORT_TOO_LARGE', expect.stringContaining('1048576')]);
  });

  it('refuses a file that is not a zip after all', async () => {
    const err = await refusal(file(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)])));
    expect([err.code, err.detail]).toEqual(['IMPORT_INVALID', expect.stringContaining('zip')]);
  });
});
