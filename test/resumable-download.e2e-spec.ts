import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FaultServer } from './support/fault-server.js';
import { S3TestServer } from './support/s3-server.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';

const run = promisify(execFile);
const MiB = 1 << 20;

interface Created {
  id: string;
  secret: string;
}

describe('resumable bundle downloads: exact length, strong ETag, ranges', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-resume-'));
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-resume-out-'));
  const web = new FaultServer();
  const s3 = new S3TestServer();
  const remote = randomBytes(700_000);
  const object = randomBytes(900_000);
  let t: TestApp;
  let base: string;

  const create = async (body: object): Promise<Created> => {
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Created;
  };
  const download = (b: Created, headers: Record<string, string> = {}, method = 'GET', query = '') =>
    fetch(`${base}/v1/bundles/${b.id}/download${query}`, { method, headers: { 'X-Bundle-Secret': b.secret, ...headers } });
  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const sealStatus = async (b: Created) =>
    (await (await fetch(`${base}/v1/bundles/${b.id}/seal`, { headers: { 'X-Bundle-Secret': b.secret } })).json()) as Record<string, unknown>;
  const until = async (b: Created, state: string) => {
    for (let i = 0; i < 600; i++) {
      const status = await sealStatus(b);
      if (status.state === state) return status;
      if (status.state === 'failed') throw new Error(`sealing failed: ${String(status.error)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`never ${state}`);
  };
  const seal = async (b: Created) => {
    const res = await fetch(`${base}/v1/bundles/${b.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': b.secret } });
    expect(res.status).toBe(202);
    return until(b, 'sealed');
  };
  const validate = async (name: string, data: Buffer) => {
    const path = join(out, name);
    writeFileSync(path, data);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    return check;
  };

  beforeAll(async () => {
    mkdirSync(join(root, 'big'));
    mkdirSync(join(root, 'small'));
    web.route('/remote.bin', FaultServer.serveBytes(remote, '"remote-v1"'));
    await web.start();
    await s3.start();
    await s3.put('resume-src', 'deep/object.bin', object);
    t = await createTestApp({ ...s3.env(), LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    await s3.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  describe('a bundle of several hundred MiB', () => {
    let bundle: Created;
    let full: Buffer;
    let etag: string;
    let streamed: Awaited<ReturnType<typeof pythonZipCheck>>;
    let streamedBytes: Buffer;

    beforeAll(async () => {
      for (const [i, size] of [120 * MiB, 90 * MiB, 110 * MiB].entries()) writeFileSync(join(root, 'big', `part-${i}.bin`), randomBytes(size));
      writeFileSync(join(root, 'small', 'note.txt'), 'a note\n');
      bundle = await create({
        filename: 'resume.zip',
        files: [
          { src: 'file:///big/part-0.bin' },
          { src: 'file:///small/note.txt', dst: 'Notizen/Übersicht.txt' },
          { src: 'file:///big/part-1.bin' },
          { src: `http://localhost:${web.port}/remote.bin` },
          { src: 's3://resume-src/deep/object.bin' },
          { src: 'file:///big/part-2.bin' },
        ],
      });
    });

    it('streams without a length until the layout is known, and learns it from that complete download', async () => {
      const head = await download(bundle, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBeNull();
      expect(head.headers.get('accept-ranges')).toBe('none');
      const first = await download(bundle);
      expect(first.headers.get('etag')).toBeNull();
      expect(first.headers.get('accept-ranges')).toBe('none');
      streamedBytes = await bytesOf(first);
      streamed = await validate('learning.zip', streamedBytes);
      const status = await until(bundle, 'sealed');
      expect(status.contentLength).toBeGreaterThan(320 * MiB);
    });

    it('then answers with an exact Content-Length, a strong ETag, Last-Modified and Accept-Ranges, the same for HEAD', async () => {
      const head = await download(bundle, {}, 'HEAD');
      const res = await download(bundle);
      full = await bytesOf(res);
      etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(res.headers.get('content-length')).toBe(String(full.length));
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('last-modified')).toBeTruthy();
      for (const h of ['content-length', 'etag', 'last-modified', 'accept-ranges', 'content-type', 'content-disposition']) {
        expect(head.headers.get(h)).toBe(res.headers.get(h));
      }
      const check = await validate('full.zip', full);
      // Files are stored blocks (method 8, read by streaming readers too); the cover sheet, known whole, is method 0.
      expect(check.entries.map((e) => [e.name, e.method])).toEqual([
        ['big/part-0.bin', 8],
        ['Notizen/Übersicht.txt', 8],
        ['big/part-1.bin', 8],
        ['remote.bin', 8],
        ['deep/object.bin', 8],
        ['big/part-2.bin', 8],
        ['MANIFEST.txt', 0],
        ['MANIFEST.csv', 0],
      ]);
      expect(check.entries[3].sha256).toBe(createHash('sha256').update(remote).digest('hex'));
      // One representation per version: the laid-out zip is the first streamed one, byte for byte.
      expect(check.entries).toEqual(streamed.entries);
      expect(full.equals(streamedBytes)).toBe(true);
    });

    it('gives byte-identical downloads of the same version', async () => {
      const again = await bytesOf(await download(bundle));
      expect(again.equals(full)).toBe(true);
    });

    it.each([10, 50, 99])('resumes with curl -C - after the download was broken at %i %%', async (percent) => {
      const path = join(out, `broken-${percent}.zip`);
      // A real broken download: the client drops the connection once it has that much.
      const res = await download(bundle);
      const reader = res.body!.getReader();
      const parts: Buffer[] = [];
      let got = 0;
      const stopAt = Math.floor((full.length * percent) / 100);
      while (got < stopAt) {
        const { value, done } = await reader.read();
        if (done) break;
        parts.push(Buffer.from(value));
        got += value.length;
      }
      await reader.cancel();
      writeFileSync(path, Buffer.concat(parts));
      expect(got).toBeLessThan(full.length);

      const { stderr } = await run('curl', ['-sS', '-f', '-C', '-', '-o', path, '-H', `X-Bundle-Secret: ${bundle.secret}`, `${base}/v1/bundles/${bundle.id}/download`]);
      expect(stderr).toBe('');
      const spliced = readFileSync(path);
      expect(spliced.length).toBe(full.length);
      expect(spliced.equals(full)).toBe(true);
      expect(await unzipTest(path)).toMatch(/No errors detected/);
      expect((await pythonZipCheck(path)).bad).toBeNull();
    });

    it('answers a range in the central directory from the layout alone', async () => {
      const start = full.length - 300;
      const res = await download(bundle, { Range: `bytes=${start}-` });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${full.length - 1}/${full.length}`);
      expect((await bytesOf(res)).equals(full.subarray(start))).toBe(true);
    });

    it('honours If-Range and If-None-Match, and answers 416 past the end', async () => {
      const partial = await download(bundle, { Range: 'bytes=100-199', 'If-Range': etag });
      expect(partial.status).toBe(206);
      expect((await bytesOf(partial)).equals(full.subarray(100, 200))).toBe(true);
      const other = await download(bundle, { Range: 'bytes=100-199', 'If-Range': '"another"' });
      expect(other.status).toBe(200);
      expect(other.headers.get('content-length')).toBe(String(full.length));
      await other.body?.cancel();
      const notModified = await download(bundle, { 'If-None-Match': etag });
      expect(notModified.status).toBe(304);
      // A 304 carries the caching rule of the 200 it stands for (RFC 9110 §15.4.5).
      expect(notModified.headers.get('cache-control')).toBe(other.headers.get('cache-control'));
      expect(notModified.headers.get('etag')).toBe(etag);
      // Range is for GET only: HEAD describes the whole zip.
      const headRange = await download(bundle, { Range: 'bytes=100-199' }, 'HEAD');
      expect(headRange.status).toBe(200);
      expect(headRange.headers.get('content-length')).toBe(String(full.length));
      expect(headRange.headers.get('content-range')).toBeNull();
      const past = await download(bundle, { Range: `bytes=${full.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${full.length}`);
      expect(past.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await past.json()) as { type: string }).type).toMatch(/\/problems\/range-not-satisfiable$/);
    });
  });

  describe('ranges at every entry boundary', () => {
    let bundle: Created;
    let full: Buffer;
    const files = [randomBytes(70_000), Buffer.alloc(0), randomBytes(1), randomBytes(65_536), randomBytes(200_001)];

    beforeAll(async () => {
      mkdirSync(join(root, 'edges'));
      files.forEach((data, i) => writeFileSync(join(root, 'edges', `e${i}.bin`), data));
      bundle = await create({ files: [...files.map((_, i) => ({ src: `file:///edges/e${i}.bin`, dst: i === 2 ? 'ünïcode/e2.bin' : undefined })), { src: `http://localhost:${web.port}/remote.bin` }] });
      await seal(bundle);
      full = await bytesOf(await download(bundle));
      await validate('edges.zip', full);
    });

    it('gives the matching slice of the full download for every boundary ±1 byte', async () => {
      const boundaries = entryBoundaries(full);
      expect(boundaries.length).toBeGreaterThan(20);
      const offsets = [...new Set(boundaries.flatMap((b) => [b - 1, b, b + 1]).filter((o) => o >= 0 && o < full.length))];
      for (const start of offsets) {
        const end = Math.min(full.length - 1, start + 1 + (start % 3) * 40_000);
        const res = await download(bundle, { Range: `bytes=${start}-${end}` });
        expect(res.status).toBe(206);
        const body = await bytesOf(res);
        if (!body.equals(full.subarray(start, end + 1))) throw new Error(`range ${start}-${end} differs from the full download`);
      }
      const tail = await download(bundle, { Range: 'bytes=-10' });
      expect((await bytesOf(tail)).equals(full.subarray(full.length - 10))).toBe(true);
    });

    it('reads only the entries a range covers, as ranges', async () => {
      const remoteAt = full.indexOf(remote.subarray(0, 64));
      const before = web.requests.length;
      const res = await download(bundle, { Range: `bytes=${remoteAt + 1000}-${remoteAt + 1999}` });
      expect((await bytesOf(res)).equals(remote.subarray(1000, 2000))).toBe(true);
      const reads = web.requests.slice(before).filter((r) => r.method === 'GET');
      expect(reads.map((r) => [r.path, r.range, r.ifMatch])).toEqual([['/remote.bin', 'bytes=1000-1999', '"remote-v1"']]);
      // A range inside the first entry reads nothing from the last one.
      const early = web.requests.length;
      await bytesOf(await download(bundle, { Range: 'bytes=0-5000' }));
      expect(web.requests.slice(early).filter((r) => r.method === 'GET')).toEqual([]);
    });
  });

  describe('when a source changes', () => {
    let bundle: Created;
    const path = () => join(root, 'change', 'doc.txt');

    beforeAll(async () => {
      mkdirSync(join(root, 'change'));
      writeFileSync(path(), 'version one\n');
      writeFileSync(join(root, 'change', 'big.bin'), randomBytes(40 * MiB));
      bundle = await create({ files: [{ src: 'file:///change/big.bin' }, { src: 'file:///change/doc.txt' }] });
      await seal(bundle);
    });

    it('changes the ETag, and a stale If-Range gets the whole new version', async () => {
      const old = await download(bundle, {}, 'HEAD');
      const oldEtag = old.headers.get('etag')!;
      expect(oldEtag).toBeTruthy();
      writeFileSync(path(), 'version two, longer\n');
      const res = await download(bundle, { Range: 'bytes=1000-', 'If-Range': oldEtag });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).not.toBe(oldEtag);
      const check = await validate('changed.zip', await bytesOf(res));
      expect(check.entries[1].sha256).toBe(createHash('sha256').update('version two, longer\n').digest('hex'));
      // That complete download learnt the new layout: a new strong ETag.
      const status = await until(bundle, 'sealed');
      expect(status.etag).not.toBe(oldEtag);
    });

    it('aborts a download that meets the change mid-stream, and drops the layout', async () => {
      const res = await download(bundle);
      expect(res.headers.get('content-length')).toBeTruthy();
      const reader = res.body!.getReader();
      await reader.read(); // the first entry is under way; the second is not opened yet
      writeFileSync(path(), 'version three\n');
      utimesSync(path(), new Date(), new Date(Date.now() + 5000));
      let failed = false;
      try {
        for (;;) if ((await reader.read()).done) break;
      } catch {
        failed = true;
      }
      expect(failed).toBe(true);
      await until(bundle, 'unsealed'); // dropped as the response was aborted
    });

    it('reads only a range\'s own files, each pinned to its version: a change elsewhere leaves the range a slice of the same zip, and the next read of the changed file fails', async () => {
      mkdirSync(join(root, 'many'));
      const count = 80;
      for (let i = 0; i < count; i++) writeFileSync(join(root, 'many', `m${i}.txt`), `file ${i}\n`);
      writeFileSync(join(root, 'many', 'tail.bin'), randomBytes(8 * MiB));
      const large = await create({ files: [...Array.from({ length: count }, (_, i) => ({ src: `file:///many/m${i}.txt` })), { src: 'file:///many/tail.bin' }] });
      await seal(large);
      const whole = await bytesOf(await download(large));
      const etag = (await download(large, {}, 'HEAD')).headers.get('etag')!;
      const tailAt = whole.length - 4 * MiB;

      writeFileSync(join(root, 'many', 'm3.txt'), 'file 3, changed\n');
      // The tail and the central directory need nothing of file 3: the same bytes, the same ETag.
      const tail = await download(large, { Range: `bytes=${tailAt}-`, 'If-Range': etag });
      expect(tail.status).toBe(206);
      expect(tail.headers.get('etag')).toBe(etag);
      expect((await bytesOf(tail)).equals(whole.subarray(tailAt))).toBe(true);
      // A range that reads file 3 meets the change: the read insists on the laid-out version.
      const stale = await download(large);
      expect(stale.status).toBe(200);
      await expect(bytesOf(stale)).rejects.toThrow();
      await until(large, 'unsealed');
    });

    it('unseals on any change to the bundle', async () => {
      await seal(bundle);
      const patch = await fetch(`${base}/v1/bundles/${bundle.id}`, {
        method: 'PATCH',
        headers: { 'X-Bundle-Secret': bundle.secret, 'Content-Type': 'application/json' },
        body: JSON.stringify({ filename: 'renamed.zip' }),
      });
      expect(patch.status).toBe(200);
      expect((await sealStatus(bundle)).state).toBe('unsealed');
      expect((await download(bundle, {}, 'HEAD')).headers.get('content-length')).toBeNull();
    });
  });

  describe('sealing', () => {
    it('reads each source once and reports progress', async () => {
      mkdirSync(join(root, 'seal'));
      const sizes = [3 * MiB, 5 * MiB, 1, 0];
      sizes.forEach((size, i) => writeFileSync(join(root, 'seal', `s${i}.bin`), randomBytes(size)));
      const bundle = await create({ files: sizes.map((_, i) => ({ src: `file:///seal/s${i}.bin` })), coverSheet: false });
      expect(await sealStatus(bundle)).toMatchObject({ state: 'unsealed', files: 4, filesDone: 0 });
      const status = await seal(bundle);
      expect(status).toMatchObject({ state: 'sealed', files: 4, filesDone: 4 });
      const first = await fetch(`${base}/v1/bundles/${bundle.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret } });
      expect(((await first.json()) as { state: string }).state).toBe('sealed');
      const res = await download(bundle);
      const body = await bytesOf(res);
      expect(res.headers.get('content-length')).toBe(String(status.contentLength));
      expect(body.length).toBe(status.contentLength);
      expect(res.headers.get('etag')).toBe(status.etag);
      const check = await validate('sealed.zip', body);
      expect(check.entries.map((e) => e.size)).toEqual(sizes);
    });

    it('reports progress while it runs', async () => {
      mkdirSync(join(root, 'slow'));
      writeFileSync(join(root, 'slow', 'a.bin'), randomBytes(MiB));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      web.route('/slow.bin', (req, res) => void gate.then(() => FaultServer.serveBytes(remote, '"slow"')(req, res)));
      const bundle = await create({ files: [{ src: 'file:///slow/a.bin' }, { src: `http://localhost:${web.port}/slow.bin` }] });
      await fetch(`${base}/v1/bundles/${bundle.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret } });
      await new Promise((r) => setTimeout(r, 200));
      expect(await sealStatus(bundle)).toMatchObject({ state: 'sealing', files: 2, filesDone: 0 });
      release();
      expect(await until(bundle, 'sealed')).toMatchObject({ filesDone: 2, bytesRead: MiB + remote.length });
    });

    it('fails visibly when a source is missing, and refuses compressed bundles', async () => {
      const missing = await create({ files: [{ src: 'file:///nowhere.bin' }] });
      await fetch(`${base}/v1/bundles/${missing.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': missing.secret } });
      let status = await sealStatus(missing);
      for (let i = 0; i < 100 && status.state === 'sealing'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        status = await sealStatus(missing);
      }
      expect(status.state).toBe('failed');
      expect(String(status.error)).toMatch(/nowhere\.bin/);

      const deflated = await create({ files: [{ src: 'file:///seal/s0.bin' }], compression: 'deflate' });
      const res = await fetch(`${base}/v1/bundles/${deflated.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': deflated.secret } });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { type: string }).type).toMatch(/\/problems\/layout-not-possible$/);
      // Its downloads stream as before: no length, no ranges.
      const zip = await download(deflated, { Range: 'bytes=10-20' });
      expect(zip.status).toBe(200);
      expect(zip.headers.get('content-length')).toBeNull();
      await validate('deflated.zip', await bytesOf(zip));
    });
  });

  it('leaves a truncated source to fail the download, never a short zip', async () => {
    mkdirSync(join(root, 'shrink'));
    writeFileSync(join(root, 'shrink', 'a.bin'), randomBytes(64 * MiB));
    const bundle = await create({ files: [{ src: 'file:///shrink/a.bin' }], coverSheet: false });
    await seal(bundle);
    const res = await download(bundle, { Range: 'bytes=0-' });
    expect(res.status).toBe(206);
    truncateSync(join(root, 'shrink', 'a.bin'), MiB); // before the client has read on: most of it is still to be read
    await expect(bytesOf(res)).rejects.toThrow();
  });
});

/** Where each local header, its data and each central header start, and where the end records start. */
/**
 * Every place where one part of the zip meets the next, read from its central
 * directory: each local header, its name, its data, a few stored-block edges
 * inside the data, its data descriptor, and each central record.
 */
function entryBoundaries(zip: Buffer): number[] {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const marks: number[] = [];
  let at = zip.readUInt32LE(eocd + 16);
  while (zip.readUInt32LE(at) === 0x02014b50) {
    marks.push(at);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const descriptor = (zip.readUInt16LE(local + 6) & 8) !== 0;
    marks.push(local, local + 30, dataAt, dataAt + compressed, ...(descriptor ? [dataAt + compressed + 16] : []));
    for (const block of [1, 2, Math.floor(compressed / 65_540)]) if (block * 65_540 < compressed) marks.push(dataAt + block * 65_540, dataAt + block * 65_540 + 5);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  marks.push(at);
  return marks.sort((a, b) => a - b);
}
