import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultServer } from './support/fault-server.js';
import { S3TestServer } from './support/s3-server.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('bundle downloads and one-off archives', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-files-'));
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-zips-'));
  const s3 = new S3TestServer();
  const web = new FaultServer();
  const local = randomBytes(300_000);
  const remote = randomBytes(2_000_000);
  const object = randomBytes(1_500_000);
  const closedAfterMs: number[] = [];
  let t: TestApp;
  let base: string;

  async function createBundle(files: object[]): Promise<{ id: string; secret: string }> {
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'Rapport été.zip', files }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string };
  }

  /** Downloads with curl, as a user would; resolves curl's exit code. */
  async function curl(url: string, file: string, headers: string[] = []): Promise<{ code: number; headers: string }> {
    const args = ['-sS', '-D', `${file}.headers`, '-o', file, ...headers.flatMap((h) => ['-H', h]), url];
    const code = await run('curl', args).then(() => 0, (err: { code: number }) => err.code);
    return { code, headers: readFileSync(`${file}.headers`, 'utf8') };
  }

  beforeAll(async () => {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'local.bin'), local);
    await s3.start();
    await s3.put('archive-src', 'reports/q3.pdf', object);
    web
      .route('/remote.bin', FaultServer.serveBytes(remote))
      // Breaks at byte 100,000 every time, and drops any resume past it: retries can't help.
      .route('/always-breaks.bin', (req, res) => {
        if (/^bytes=(\d+)-/.exec(req.headers.range ?? '')?.[1] !== undefined) return void req.socket.destroy();
        FaultServer.serveBytes(remote, '"v1"', { breakAfter: 100_000 })(req, res);
      })
      .route('/slow.bin', (req, res) => {
        const opened = Date.now();
        res.writeHead(200, { 'content-length': String(1 << 30) });
        const timer = setInterval(() => res.write(Buffer.alloc(16 * 1024)), 20);
        req.socket.once('close', () => {
          clearInterval(timer);
          closedAfterMs.push(Date.now() - opened);
        });
      });
    await web.start();
    t = await createTestApp({
      ...s3.env(),
      LOCAL_STORAGE_ROOT: root,
      HTTP_ALLOW_PRIVATE_NETWORKS: 'true',
      STORAGE_MAX_ATTEMPTS: '2',
      STORAGE_RETRY_BASE_MS: '5',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    await s3.stop();
    for (const dir of [root, out]) rmSync(dir, { recursive: true, force: true });
  });

  it('streams local, S3 and HTTP sources into one zip that real readers accept, byte for byte', async () => {
    const { id, secret } = await createBundle([
      { src: 'file:///docs/local.bin' },
      { src: 's3://archive-src/reports/q3.pdf', dst: 'Berichte/Q3 – résumé.pdf' },
      { src: `http://localhost:${web.port}/remote.bin` },
      { src: `http://localhost:${web.port}/remote.bin`, dst: 'REMOTE.BIN' },
      { src: 'file:///docs/local.bin', dst: 'x/./y//local.bin' },
    ]);
    const file = join(out, 'mixed.zip');
    const { code, headers } = await curl(`${base}/v1/bundles/${id}/download`, file, [`X-Bundle-Secret: ${secret}`]);
    expect(code).toBe(0);
    expect(headers).toMatch(/content-type: application\/zip/i);
    expect(headers).toMatch(/content-disposition: attachment; filename="Rapport ete.zip"; filename\*=UTF-8''Rapport%20%C3%A9t%C3%A9.zip/i);
    expect(headers).toMatch(/x-content-type-options: nosniff/i);
    expect(headers).toMatch(/cache-control: private, no-store/i);
    expect(headers).not.toMatch(/content-encoding/i);
    expect(await unzipTest(file)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(file);
    expect(check.bad).toBeNull();
    expect(check.entries.map((e) => [e.name, e.sha256])).toEqual([
      ['docs/local.bin', sha(local)],
      ['Berichte/Q3 – résumé.pdf', sha(object)],
      ['remote.bin', sha(remote)],
      ['REMOTE (1).BIN', sha(remote)],
      ['x/y/local.bin', sha(local)],
      ['MANIFEST.txt', expect.any(String)],
      ['MANIFEST.csv', expect.any(String)],
    ]);
  });

  it('gives an empty bundle a valid empty zip (or just its cover sheet)', async () => {
    const { id, secret } = await createBundle([]);
    const bare = join(out, 'empty.zip');
    expect((await curl(`${base}/v1/bundles/${id}/download?coverSheet=false`, bare, [`X-Bundle-Secret: ${secret}`])).code).toBe(0);
    expect(readFileSync(bare).length).toBe(22);
    expect((await pythonZipCheck(bare)).entries).toEqual([]);
    const withSheet = join(out, 'empty-sheet.zip');
    await curl(`${base}/v1/bundles/${id}/download`, withSheet, [`X-Bundle-Secret: ${secret}`]);
    expect((await pythonZipCheck(withSheet)).entries.map((e) => e.name)).toEqual(['MANIFEST.txt', 'MANIFEST.csv']);
  });

  it('aborts the download visibly when a source fails after the first byte (onError=abort)', async () => {
    const { id, secret } = await createBundle([{ src: 'file:///docs/local.bin' }, { src: `http://localhost:${web.port}/always-breaks.bin` }]);
    const file = join(out, 'aborted.zip');
    const { code } = await curl(`${base}/v1/bundles/${id}/download`, file, [`X-Bundle-Secret: ${secret}`]);
    expect(code).not.toBe(0); // curl: transfer closed with outstanding read data
    await expect(unzipTest(file)).rejects.toBeDefined();
  });

  it('leaves the failed entry out and lists it in the cover sheet (onError=skip)', async () => {
    const { id, secret } = await createBundle([{ src: `http://localhost:${web.port}/always-breaks.bin`, dst: 'broken.bin' }, { src: 'file:///docs/local.bin' }, { src: 's3://archive-src/missing.pdf' }]);
    const file = join(out, 'skipped.zip');
    expect((await curl(`${base}/v1/bundles/${id}/download?onError=skip`, file, [`X-Bundle-Secret: ${secret}`])).code).toBe(0);
    expect(await unzipTest(file)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(file);
    expect(check.entries.map((e) => e.name)).toEqual(['docs/local.bin', 'MANIFEST.txt', 'MANIFEST.csv']);
    const { stdout } = await run('unzip', ['-p', file, 'MANIFEST.txt']);
    expect(stdout).toMatch(/Files: 1 included, 2 skipped/);
    expect(stdout).toMatch(/broken\.bin {2}from http:\/\/localhost:\d+\/always-breaks\.bin: .*failed 2 times/);
    expect(stdout).toMatch(/missing\.pdf {2}from s3:\/\/archive-src\/missing\.pdf: .*does not exist/);
    const csv = (await run('unzip', ['-p', file, 'MANIFEST.csv'])).stdout;
    expect(csv.split('\r\n')[0]).toBe('"name","source","status","size","crc32","error"');
  });

  it('stops reading upstream within a second when the client goes away', async () => {
    const { id, secret } = await createBundle([{ src: `http://localhost:${web.port}/slow.bin` }]);
    const before = closedAfterMs.length;
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${base}/v1/bundles/${id}/download`, { headers: { 'X-Bundle-Secret': secret } }, (res) => {
        res.once('data', () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 200);
        });
      });
      req.on('error', () => undefined);
      req.once('error', reject);
      req.end();
    });
    const deadline = Date.now() + 1000;
    while (closedAfterMs.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(closedAfterMs.length).toBe(before + 1);
  });

  it('checks every source first with verify=true, answering problem+json instead of a zip', async () => {
    const { id, secret } = await createBundle([{ src: 'file:///docs/local.bin' }, { src: 's3://archive-src/not-there.pdf' }]);
    const res = await fetch(`${base}/v1/bundles/${id}/download?verify=true`, { headers: { 'X-Bundle-Secret': secret } });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { code: string }).code).toBe('SOURCE_NOT_FOUND');
    const fine = await createBundle([{ src: 'file:///docs/local.bin' }]);
    const ok = await fetch(`${base}/v1/bundles/${fine.id}/download?verify=true`, { headers: { 'X-Bundle-Secret': fine.secret } });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  describe('capabilities', () => {
    it('opens a public bundle with its id alone; a private one, or none at all, answers the same 401', async () => {
      const open = await fetch(`${base}/v1/bundles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ public: true, files: [{ src: 'file:///docs/local.bin' }] }),
      }).then((r) => r.json() as Promise<{ id: string; public: boolean }>);
      expect(open.public).toBe(true);
      const res = await fetch(`${base}/v1/bundles/${open.id}/download?coverSheet=false`);
      expect(res.status).toBe(200);
      const file = join(out, 'public.zip');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      expect((await pythonZipCheck(file)).entries.map((e) => e.sha256)).toEqual([sha(local)]);

      const closed = await createBundle([{ src: 'file:///docs/local.bin' }]);
      const denied = await fetch(`${base}/v1/bundles/${closed.id}/download`);
      const unknown = await fetch(`${base}/v1/bundles/00000000-0000-4000-8000-000000000000/download`);
      expect([denied.status, unknown.status]).toEqual([401, 401]);
      expect(((await denied.json()) as { detail: string }).detail).toBe(((await unknown.json()) as { detail: string }).detail);
    });

    it('opens a download with a signed link until it expires; a tampered link or a link on a management route is 403', async () => {
      const { id, secret } = await createBundle([{ src: 'file:///docs/local.bin' }]);
      const minted = await fetch(`${base}/v1/bundles/${id}/links`, {
        method: 'POST',
        headers: { 'X-Bundle-Secret': secret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ expiresInMinutes: 5 }),
      });
      expect(minted.status).toBe(201);
      const link = (await minted.json()) as { url: string; token: string; expiresAt: string };
      expect(link.url).toBe(`/v1/bundles/${id}/download?token=${link.token}`);
      const viaLink = await fetch(`${base}${link.url}`);
      expect(viaLink.status).toBe(200);
      const linked = join(out, 'via-link.zip');
      writeFileSync(linked, Buffer.from(await viaLink.arrayBuffer()));
      expect((await pythonZipCheck(linked)).entries.map((e) => [e.name, e.sha256])).toEqual([['docs/local.bin', sha(local)], ['MANIFEST.txt', expect.any(String)], ['MANIFEST.csv', expect.any(String)]]);

      const tampered = link.token.slice(0, -2) + (link.token.endsWith('AA') ? 'BB' : 'AA');
      const bad = await fetch(`${base}/v1/bundles/${id}/download?token=${tampered}`);
      expect(bad.status).toBe(403);
      const other = await createBundle([]);
      expect((await fetch(`${base}/v1/bundles/${other.id}/download?token=${link.token}`)).status).toBe(403);
      expect((await fetch(`${base}/v1/bundles/${id}?token=${link.token}`)).status).toBe(403);

      t.clock.advance(6 * 60_000);
      try {
        const expired = await fetch(`${base}${link.url}`);
        expect(expired.status).toBe(403);
        expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired/);
      } finally {
        t.clock.advance(-6 * 60_000);
      }
    });
  });

  it('sheds load beyond the stream cap with 503 and Retry-After, and frees the slot when a download ends', async () => {
    const capped = await createTestApp({ LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true', ARCHIVE_MAX_STREAMS: '1', ARCHIVE_RETRY_AFTER_SECONDS: '3' });
    await capped.app.listen(0, '127.0.0.1');
    const cappedBase = `http://127.0.0.1:${(capped.app.getHttpServer().address() as AddressInfo).port}`;
    try {
      const make = async (files: object[]) =>
        (await fetch(`${cappedBase}/v1/bundles`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ files }),
        }).then((r) => r.json())) as { id: string; secret: string };
      const slow = await make([{ src: `http://localhost:${web.port}/slow.bin` }]);
      const quick = await make([{ src: 'file:///docs/local.bin' }]);
      const controller = new AbortController();
      const first = await fetch(`${cappedBase}/v1/bundles/${slow.id}/download`, { headers: { 'X-Bundle-Secret': slow.secret }, signal: controller.signal });
      expect(first.status).toBe(200);
      const second = await fetch(`${cappedBase}/v1/bundles/${quick.id}/download`, { headers: { 'X-Bundle-Secret': quick.secret } });
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('3');
      expect(((await second.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
      controller.abort();
      // The slot comes back once the server has seen the client go: ask until it has, under a deadline.
      const deadline = Date.now() + 10_000;
      let third = await fetch(`${cappedBase}/v1/bundles/${quick.id}/download`, { headers: { 'X-Bundle-Secret': quick.secret } });
      while (third.status === 503 && Date.now() < deadline) {
        await third.arrayBuffer();
        third = await fetch(`${cappedBase}/v1/bundles/${quick.id}/download`, { headers: { 'X-Bundle-Secret': quick.secret } });
      }
      expect(third.status).toBe(200);
      await third.arrayBuffer();
    } finally {
      await capped.close();
    }
  });

  it('streams a one-off archive of posted references, storing nothing', async () => {
    const file = join(out, 'oneoff.zip');
    const body = JSON.stringify({ filename: 'attachments', files: [{ src: 'file:///docs/local.bin', dst: 'a.bin' }], coverSheet: false });
    const posted = await fetch(`${base}/v1/archives`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` }, body });
    expect(posted.status).toBe(200);
    writeFileSync(file, Buffer.from(await posted.arrayBuffer()));
    expect((await pythonZipCheck(file)).entries.map((e) => [e.name, e.sha256])).toEqual([['a.bin', sha(local)]]);
    const refused = await fetch(`${base}/v1/archives`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` }, body: JSON.stringify({ files: [{ src: 'ftp://x/y' }] }) });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('counts how downloads ended and which entries were skipped', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    // The tests above completed several downloads, aborted one and skipped two entries.
    expect(value('archive_downloads_total{outcome="completed"}')).toBeGreaterThanOrEqual(5);
    expect(value('archive_downloads_total{outcome="aborted"}')).toBeGreaterThanOrEqual(1);
    expect(value('archive_downloads_total{outcome="client_gone"}')).toBeGreaterThanOrEqual(1);
    expect(value('archive_entries_skipped_total')).toBe(2);
    expect(value('archive_streams_active')).toBe(0);
    expect(value('archive_bytes_sent_total')).toBeGreaterThan(local.length + remote.length);
  });
});
