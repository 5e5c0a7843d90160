import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { byteDifference } from './support/byte-diff.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';
import { type Created, DownloadHarness } from './support/download-harness.js';

const run = promisify(execFile);
const MiB = 1 << 20;

describe('resumable bundle downloads: a bundle of several hundred MiB, resumed by curl', () => {
  const h = new DownloadHarness();
  const { root, out, web, remote, create, download, bytesOf, until, validate } = h;

  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  describe('a bundle of several hundred MiB', () => {
    let bundle: Created;
    let full: Buffer;
    let etag: string;
    let streamed: Awaited<ReturnType<typeof pythonZipCheck>>;
    let streamedBytes: Buffer;

    beforeAll(async () => {
      mkdirSync(join(root, 'big'));
      mkdirSync(join(root, 'small'));
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
      const head = Buffer.concat(parts);
      writeFileSync(path, head);
      expect(got).toBeLessThan(full.length);
      expect(byteDifference(head, full.subarray(0, got))).toBeNull();

      const answer = `${path}.headers`;
      const { stderr } = await run('curl', ['-sS', '-f', '-C', '-', '-o', path, '-D', answer, '-H', `X-Bundle-Secret: ${bundle.secret}`, `${h.base}/v1/bundles/${bundle.id}/download`]);
      expect(stderr).toBe('');
      const spliced = readFileSync(path);
      expect(byteDifference(spliced, full, { 'resumed at': got, 'answered with': readFileSync(answer, 'latin1').trim() })).toBeNull();
      expect(await unzipTest(path)).toMatch(/No errors detected/);
      expect((await pythonZipCheck(path)).bad).toBeNull();
    });

    it('answers a range in the central directory from the layout alone', async () => {
      const start = full.length - 300;
      const res = await download(bundle, { Range: `bytes=${start}-` });
      // A failure shows its problem detail: which source, and why.
      expect({ status: res.status, problem: res.status === 206 ? undefined : await res.clone().text() }).toEqual({ status: 206 });
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
});
