import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { byteDifference } from './support/byte-diff.js';
import { type Created, DownloadHarness } from './support/download-harness.js';

const run = promisify(execFile);
const MiB = 1 << 20;

describe('resumable bundle downloads: ranges', () => {
  const h = new DownloadHarness();
  const { root, web, remote, create, download, bytesOf, seal, validate } = h;

  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

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

  describe('many ranges at once, read at different paces', () => {
    it('gives each client its exact slice, whatever the read sizes its pace brings', async () => {
      mkdirSync(join(root, 'paces'));
      const sizes = [12 * MiB, 20 * MiB + 7, 16 * MiB - 3];
      sizes.forEach((size, i) => writeFileSync(join(root, 'paces', `p${i}.bin`), randomBytes(size)));
      const bundle = await create({
        files: [
          { src: 'file:///paces/p0.bin' },
          { src: `http://localhost:${web.port}/remote.bin` },
          { src: 'file:///paces/p1.bin' },
          { src: 's3://resume-src/deep/object.bin' },
          { src: 'file:///paces/p2.bin' },
        ],
      });
      await seal(bundle);
      const full = await bytesOf(await download(bundle));
      // Seeded, so that a failure names ranges that can be asked for again.
      let seed = 20261207;
      const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const ranges = Array.from({ length: 24 }, (_, k) => {
        const start = Math.floor(next() * (full.length - 1));
        // Every third client reads at 4 MB/s (small reads), the others as fast as they can (reads up to 1 MiB).
        const slow = k % 3 === 0;
        const end = slow ? Math.min(full.length - 1, start + Math.floor(next() * 4 * MiB)) : full.length - 1;
        return { start, end, slow };
      });
      const wrong: string[] = [];
      const fetchOne = async ({ start, end, slow }: (typeof ranges)[number], k: number) => {
        const path = join(h.out, `pace-${k}.bin`);
        const args = ['-sS', '-f', '-o', path, '-r', `${start}-${end}`, ...(slow ? ['--limit-rate', '4M'] : []), '-H', `X-Bundle-Secret: ${bundle.secret}`, `${h.base}/v1/bundles/${bundle.id}/download`];
        await run('curl', args);
        const diff = byteDifference(readFileSync(path), full.subarray(start, end + 1), { start, end });
        if (diff) wrong.push(diff);
        rmSync(path);
      };
      for (let k = 0; k < ranges.length; k += 6) await Promise.all(ranges.slice(k, k + 6).map((r, i) => fetchOne(r, k + i)));
      expect(wrong).toEqual([]);
    }, 120_000);
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
