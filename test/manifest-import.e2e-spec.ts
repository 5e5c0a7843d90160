import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { int4Array, textArray } from '../src/database/binary-array.js';
import { sha256 } from '../src/common/digest.js';
import { ImportLeases } from '../src/manifests/import/import-leases.js';
import { ImportPurger } from '../src/manifests/import/import-purger.js';
import type { ImportRecord } from '../src/manifests/import/import-record.js';
import { ManifestParser } from '../src/manifests/import/manifest-parser.js';
import { ImportRepository } from '../src/manifests/import/persistence/import.repository.js';
import type { CheckedBatch } from '../src/manifests/import/parsing/checked-batch.js';
import { bundleFiles, importEnded, type ImportBody } from './support/manifest-client.js';
import { createTestApp, listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const MAKE_XLSX = new URL('./support/make_xlsx.py', import.meta.url).pathname;
const auth = { Authorization: `Bearer ${TEST_API_KEY}` };

/** LibreOffice turns a UTF-8 CSV into an XLSX with a shared-string table, as spreadsheet software saves one. */
async function libreOfficeXlsx(csv: string, dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, csv);
  await run('libreoffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, path], { timeout: 120_000 });
  return join(dir, `${name}.xlsx`);
}

/** Sends a spreadsheet; resolves the answer, and the import as it ended (polled when the answer was 202). */
async function send(base: string, path: string, body: RequestInit['body'], headers: Record<string, string>): Promise<{ status: number; body: ImportBody & Record<string, unknown>; ended: ImportBody }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  const answer = (await res.json()) as ImportBody & Record<string, unknown>;
  const secret = answer.secret ?? headers['X-Bundle-Secret'];
  const ended = res.status === 202 ? await importEnded(base, answer.id, secret) : answer;
  return { status: res.status, body: answer, ended };
}

function csvOf(rows: readonly (readonly string[])[]): string {
  return `src,dst\r\n${rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n')}\r\n`;
}

/** Spreadsheets in: CSV and XLSX bodies, forms and stored files, all rows or none. */
describe('manifest import', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-manifest-import-'));
  let t: TestApp;
  let base: string;
  let db: DataSource;
  const rows = Array.from({ length: 600 }, (_, i) => [`s3://import-bucket/data/${i}.bin`, `Ordner ${i % 9}/Datei "${i}", Grüße.bin`]);

  beforeAll(async () => {
    ({ t, base } = await listeningTestApp({ STORE_DIR: join(work, 'store'), IMPORT_MAX_SHARED_STRINGS_BYTES: String(256 * 1024) }));
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('reads an import back as it was written, at each step: queued, running, failed with its errors', async () => {
    const repo = t.app.get(ImportRepository);
    const at = (s: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, s, 678));
    const record: ImportRecord = {
      id: randomUUID(),
      kind: 'create',
      bundleId: randomUUID(),
      secretHash: sha256('a secret'),
      owner: 'c0ffee',
      settings: { filename: 'Grüße "Q4"', public: true, compression: 'store', expiresAt: '2027-01-01T00:00:00.000Z' },
      state: 'queued',
      rowsRead: 0,
      rowsImported: null,
      errors: [],
      problem: null,
      createdAt: at(1),
      updatedAt: at(1),
      finishedAt: null,
    };
    await repo.insert(record);
    expect(await repo.find(record.id)).toEqual(record);
    await repo.progress(record.id, { state: 'running', rowsRead: 4000 }, at(2));
    expect(await repo.find(record.id)).toEqual({ ...record, state: 'running', rowsRead: 4000, updatedAt: at(2) });
    const errors = [{ row: 7, column: 'src', reason: "'x' is not \"valid\", \\ nor ünïcode-safe 💥" }];
    const outcome = { state: 'failed' as const, rowsRead: 4100, rowsImported: null, errors, problem: { code: 'IMPORT_INVALID' as const, detail: 'row 7' } };
    await repo.finish(record.id, outcome, at(3));
    expect(await repo.find(record.id)).toEqual({ ...record, ...outcome, updatedAt: at(3), finishedAt: at(3) });
    expect(await repo.find(randomUUID())).toBeNull();
  });

  it('fails an import its stopped instance left once stale, drops its rows, and lets that instance\'s late work change nothing', async () => {
    const repo = t.app.get(ImportRepository);
    const bundle = (await (await fetch(`${base}/v1/bundles`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ src: 's3://import-bucket/kept' }] }) })).json()) as { id: string; secret: string };
    const now = new Date();
    const record = (state: ImportRecord['state']): ImportRecord => ({
      id: randomUUID(), kind: 'append', bundleId: bundle.id, secretHash: sha256(bundle.secret), owner: null, settings: null,
      state, rowsRead: 0, rowsImported: null, errors: [], problem: null, createdAt: now, updatedAt: now, finishedAt: null,
    });
    const [left, heldHere] = [record('running'), record('queued')];
    const batch = (srcs: string[]) => ({ ords: int4Array(srcs.map((_, i) => i)), srcs: textArray(srcs), dsts: textArray(srcs.map(() => null)) });
    const staged = async (id: string) => ((await db.query('SELECT count(*)::int AS n FROM manifest_import_row WHERE import_id = $1', [id])) as { n: number }[])[0].n;
    await repo.insert(left);
    await repo.insert(heldHere);
    await repo.stage(left.id, batch(['s3://import-bucket/late/0', 's3://import-bucket/late/1']), []);
    // As both look once nothing has marked them alive for two minutes.
    await db.query(`UPDATE manifest_import SET alive_at = now() - interval '2 minutes' WHERE id = ANY($1::uuid[])`, [[left.id, heldHere.id]]);

    const leases = t.app.get(ImportLeases);
    leases.hold(heldHere.id);
    try {
      await leases.beat();
    } finally {
      leases.release(heldHere.id);
    }
    const polled = await fetch(`${base}/v1/imports/${left.id}`, { headers: { 'X-Bundle-Secret': bundle.secret } });
    expect(await polled.json()).toMatchObject({ state: 'failed', rowsImported: null, problem: { code: 'SERVICE_UNAVAILABLE', detail: expect.stringMatching(/stopped before it ended/) } });
    expect(await staged(left.id)).toBe(0);
    expect((await repo.find(heldHere.id))?.state).toBe('queued'); // this instance's own: marked alive, not failed

    // The stopped instance wakes up late: a batch, its progress, its commit and its own failure change nothing.
    await repo.stage(left.id, batch(['s3://import-bucket/late/0', 's3://import-bucket/late/1']), []);
    expect(await repo.progress(left.id, { state: 'running', rowsRead: 2 }, new Date())).toBe(false);
    expect(await repo.commit(left, 2, null, 1000, new Date())).toEqual({ refused: 'stopped' });
    await repo.finish(left.id, { state: 'failed', rowsRead: 2, rowsImported: null, errors: [], problem: { code: 'INTERNAL_ERROR', detail: 'late' } }, new Date());
    expect((await repo.find(left.id))?.problem?.detail).toMatch(/stopped before it ended/);
    expect(await staged(left.id)).toBe(0);
    const files = await bundleFiles(base, bundle.id, bundle.secret);
    expect(files.map((f) => f.src)).toEqual(['s3://import-bucket/kept']);

    // This instance stops: its own unfinished import is failed with its rows dropped; one ended already keeps its outcome.
    await repo.stage(heldHere.id, batch(['s3://import-bucket/queued/0']), []);
    await repo.abandon([heldHere.id, left.id], 'The service stopped', new Date());
    expect((await repo.find(heldHere.id))?.problem).toEqual({ code: 'SERVICE_UNAVAILABLE', detail: 'The service stopped' });
    expect(await staged(heldHere.id)).toBe(0);
    expect((await repo.find(left.id))?.problem?.detail).toMatch(/stopped before it ended/);
  });

  it('keeps an ended import for IMPORT_RETENTION_HOURS, then deletes it with any rows it left; never a running one', async () => {
    const repo = t.app.get(ImportRepository);
    const now = t.clock.now();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const record = (state: ImportRecord['state'], finishedAt: Date | null): ImportRecord => ({
      id: randomUUID(), kind: 'create', bundleId: randomUUID(), secretHash: sha256('retention'), owner: null, settings: null,
      state, rowsRead: 0, rowsImported: null, errors: [], problem: null, createdAt: hoursAgo(400), updatedAt: hoursAgo(400), finishedAt,
    });
    const old = record('failed', hoursAgo(169));
    const oldLarge = { ...record('failed', hoursAgo(170)), rowsRead: 25_000 }; // its rows are dropped in slices
    const recent = record('succeeded', hoursAgo(167));
    const running = record('running', null);
    for (const r of [old, oldLarge, recent, running]) await repo.insert(r);
    await repo.stage(old.id, { ords: int4Array([0]), srcs: textArray(['s3://import-bucket/left']), dsts: textArray([null]) }, []);
    await repo.stage(oldLarge.id, { ords: int4Array([3, 24_999]), srcs: textArray(['s3://import-bucket/a', 's3://import-bucket/b']), dsts: textArray([null, null]) }, []);

    expect(await t.app.get(ImportPurger).purge()).toBeGreaterThanOrEqual(1);
    const poll = (id: string) => fetch(`${base}/v1/imports/${id}`, { headers: { 'X-Bundle-Secret': 'retention' } });
    expect([(await poll(old.id)).status, (await poll(recent.id)).status, (await poll(running.id)).status]).toEqual([404, 200, 200]);
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM manifest_import_row WHERE import_id = ANY($1::uuid[])', [[old.id, oldLarge.id]])) as { n: number }[];
    expect(n).toBe(0);
    await repo.finish(running.id, { state: 'failed', rowsRead: 0, rowsImported: null, errors: [], problem: { code: 'INTERNAL_ERROR', detail: 'test over' } }, now);
  });

  it('stages what the parser wrote as binary arrays exactly as PostgreSQL reads them back', async () => {
    // Any text PostgreSQL can hold (no NUL): quotes, backslashes, braces, commas, "NULL", non-BMP characters.
    const text = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replaceAll('\0', ''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(fc.oneof(text, fc.constantFrom('NULL', '"', '\\', '{}', ',', ' a ')), { nil: null }), { maxLength: 20 }), async (values) => {
        const [{ a }] = (await db.query('SELECT $1::text[] AS a', [textArray(values)])) as { a: (string | null)[] }[];
        expect(a).toEqual(values);
      }),
      { numRuns: 200 },
    );
    const [{ n }] = (await db.query('SELECT $1::int[] AS n', [int4Array([0, 7, 1_048_575, 2 ** 31 - 1])])) as { n: number[] }[];
    expect(n).toEqual([0, 7, 1_048_575, 2 ** 31 - 1]);
  });

  it('creates a bundle from an XLSX saved by LibreOffice (shared strings), every row in order', async () => {
    const xlsx = await libreOfficeXlsx(csvOf(rows), work, 'Lieferung');
    const { stdout } = await run('unzip', ['-l', xlsx]);
    expect(stdout).toContain('xl/sharedStrings.xml');
    const { status, body, ended } = await send(base, '/v1/bundles/import', readFileSync(xlsx), { ...auth, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect([status, ended.state, ended.rowsImported]).toEqual([201, 'succeeded', rows.length]);
    const files = await bundleFiles(base, ended.bundleId, body.secret!);
    expect(files.map((f) => [f.src, f.dst])).toEqual(rows);
  }, 120_000);

  it('refuses an XLSX with invalid rows in the middle with each row and column, and appends nothing', async () => {
    const created = (await (await fetch(`${base}/v1/bundles`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ files: [{ src: 's3://import-bucket/first' }] }) })).json()) as { id: string; secret: string };
    const bad = rows.map((r, i) => (i === 249 ? ['ftp://example.com/x', r[1]] : i === 400 ? [r[0], '../escape.txt'] : r));
    const xlsx = await libreOfficeXlsx(csvOf(bad), work, 'bad');
    const res = await fetch(`${base}/v1/bundles/${created.id}/files/import`, { method: 'POST', headers: { 'X-Bundle-Secret': created.secret }, body: readFileSync(xlsx) });
    expect([res.status, res.headers.get('content-type')]).toEqual([422, 'application/problem+json; charset=utf-8']);
    const problem = (await res.json()) as { code: string; errors: { row: number; column: string; pointer: string }[] };
    expect(problem.code).toBe('IMPORT_INVALID');
    expect(problem.errors.map((e) => [e.row, e.column, e.pointer])).toEqual([
      [251, 'src', '/rows/251/src'],
      [402, 'dst', '/rows/402/dst'],
    ]);
    const bundle = (await (await fetch(`${base}/v1/bundles/${created.id}`, { headers: { 'X-Bundle-Secret': created.secret } })).json()) as { fileCount: number };
    expect(bundle.fileCount).toBe(1);
    expect(Number((await db.query(`SELECT count(*) AS n FROM manifest_import_row`))[0].n)).toBe(0);
  }, 120_000);

  it('refuses a zip bomb and a shared-string table over its bound with 413, suggesting CSV', async () => {
    const bomb = join(work, 'bomb.xlsx');
    execFileSync('python3', [MAKE_XLSX], { input: JSON.stringify({ path: bomb, bomb_bytes: 64 << 20, sheets: [{ name: 'B', rows: [] }] }) });
    const big = join(work, 'shared.xlsx');
    const unique = Array.from({ length: 3000 }, (_, i) => [`s3://import-bucket/a-long-unique-path/${i}/${'x'.repeat(80)}`]);
    execFileSync('python3', [MAKE_XLSX], { input: JSON.stringify({ path: big, shared: true, sheets: [{ name: 'S', rows: [['src'], ...unique] }] }) });
    for (const path of [bomb, big]) {
      const res = await fetch(`${base}/v1/bundles/import`, { method: 'POST', headers: auth, body: readFileSync(path) });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'IMPORT_TOO_LARGE', type: '/problems/import-too-large', detail: expect.stringMatching(path === big ? /CSV/ : /inflate/) });
    }
  }, 120_000);

  it('round-trips an export: CSV and XLSX of a 10,000-file bundle give a bundle of the same sources, names and order', async () => {
    const files = Array.from({ length: 10_000 }, (_, i) => ({ src: `s3://import-bucket/round/${i % 3 === 0 ? 'same.txt' : `${i}.bin`}`, ...(i % 2 ? { dst: `=x/${i % 5}/Ünïcode ${i}.txt` } : {}) }));
    const res = await fetch(`${base}/v1/bundles`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ files }) });
    const original = (await res.json()) as { id: string; secret: string };
    const names = async (id: string, secret: string) => (await (await fetch(`${base}/v1/bundles/${id}/manifest?format=csv`, { headers: { 'X-Bundle-Secret': secret } })).text()).split('\r\n').map((l) => l.replace(/^\d+,/, ''));
    const expected = await names(original.id, original.secret);
    for (const format of ['csv', 'xlsx']) {
      const sheet = Buffer.from(await (await fetch(`${base}/v1/bundles/${original.id}/manifest?format=${format}`, { headers: { 'X-Bundle-Secret': original.secret } })).arrayBuffer());
      const { ended, body } = await send(base, '/v1/bundles/import', sheet, auth);
      expect([format, ended.state, ended.rowsImported]).toEqual([format, 'succeeded', files.length]);
      const copy = await bundleFiles(base, ended.bundleId, body.secret!);
      expect(copy.map((f) => f.src)).toEqual(files.map((f) => f.src));
      expect(await names(ended.bundleId, body.secret!)).toEqual(expected);
    }
  }, 180_000);

  it('imports a stored file by reference and a form\'s file, naming the bundle after the spreadsheet', async () => {
    const csv = csvOf(rows.slice(0, 5));
    const upload = (await (await fetch(`${base}/v1/files?filename=list.csv`, { method: 'POST', headers: auth, body: csv })).json()) as { src: string };
    const byRef = await send(base, '/v1/bundles/import', JSON.stringify({ from: upload.src }), { ...auth, 'Content-Type': 'application/json' });
    expect([byRef.status, byRef.ended.rowsImported]).toEqual([201, 5]);
    const form = new FormData();
    form.append('sheet', new Blob([csv], { type: 'text/csv' }), 'Q4 deliveries.csv');
    const byForm = await send(base, '/v1/bundles/import', form, auth);
    expect(byForm.status).toBe(201);
    const bundle = (await (await fetch(`${base}/v1/bundles/${byForm.ended.bundleId}`, { headers: { 'X-Bundle-Secret': byForm.body.secret! } })).json()) as { filename: string; fileCount: number };
    expect(bundle).toMatchObject({ filename: 'Q4 deliveries.zip', fileCount: 5 });
    const anonymous = await fetch(`${base}/v1/bundles/import`, { method: 'POST', body: csv });
    expect(anonymous.status).toBe(401);
  });

  it('answers a long import 202 with where to look, which another instance reports; a wrong secret sees nothing', async () => {
    const other = await createTestApp({ IMPORT_ANSWER_WITHIN_MS: '0' });
    try {
      await other.app.listen(0, '127.0.0.1');
      const otherBase = `http://127.0.0.1:${(other.app.getHttpServer().address() as { port: number }).port}`;
      const res = await fetch(`${otherBase}/v1/bundles/import`, { method: 'POST', headers: auth, body: csvOf(rows) });
      expect(res.status).toBe(202);
      const started = (await res.json()) as ImportBody;
      expect(res.headers.get('location')).toBe(`/v1/imports/${started.id}`);
      const ended = await importEnded(base, started.id, started.secret!);
      expect([ended.state, ended.rowsRead, ended.rowsImported]).toEqual(['succeeded', rows.length, rows.length]);
      const wrong = await fetch(`${base}/v1/imports/${started.id}`, { headers: { 'X-Bundle-Secret': 'wrong' } });
      expect(wrong.status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('answers 503 with Retry-After once the queue is full, having read the refused body, and takes imports again after', async () => {
    // The one thing faked: a parser that holds its import until the test lets it go, so that the queue is full for certain.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    class HeldParser extends ManifestParser {
      async *batches(): AsyncGenerator<CheckedBatch> {
        await held;
        yield { rows: 1, errors: [], plain: { ords: int4Array([0]), srcs: textArray(['s3://import-bucket/held']), dsts: textArray([null]) }, stored: [] };
      }
    }
    const busy = await createTestApp({ IMPORT_CONCURRENCY: '1', IMPORT_QUEUE_MAX: '1', IMPORT_ANSWER_WITHIN_MS: '0', IMPORT_RETRY_AFTER_SECONDS: '7' }, [[ManifestParser, new HeldParser()]]);
    try {
      await busy.app.listen(0, '127.0.0.1');
      const busyBase = `http://127.0.0.1:${(busy.app.getHttpServer().address() as { port: number }).port}`;
      const post = () => fetch(`${busyBase}/v1/bundles/import`, { method: 'POST', headers: auth, body: csvOf(rows) });
      const [running, waiting] = [await post(), await post()];
      expect([running.status, waiting.status]).toEqual([202, 202]);
      const refused = await post();
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '7']);
      expect(await refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', type: '/problems/service-unavailable' });
      release();
      const ends = await Promise.all([running, waiting].map(async (r) => {
        const body = (await r.json()) as ImportBody;
        return (await importEnded(busyBase, body.id, body.secret!)).state;
      }));
      expect(ends).toEqual(['succeeded', 'succeeded']);
      expect((await post()).status).toBe(202);
    } finally {
      release();
      await busy.close();
    }
  });
});
