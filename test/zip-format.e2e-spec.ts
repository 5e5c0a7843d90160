import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from '@node-rs/crc32';
import { afterAll, describe, expect, it } from '@jest/globals';
import { zipStream, type ZipEntrySource } from '../src/archive/zip/zip-writer.js';
import { framedSize } from '../src/archive/zip/stored-blocks.js';
import { bsdtarStreamDigest, javaStreamRead, pythonZipCheck, unzipTest } from './support/zip-readers.js';

const dir = mkdtempSync(join(tmpdir(), 'bundlestream-zip-'));
const MTIME = new Date('2026-11-23T10:00:00Z');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function entry(name: string, data: Buffer, extra: Partial<ZipEntrySource> = {}): ZipEntrySource {
  return { name, mtime: MTIME, open: () => ({ stream: Readable.from([data.subarray(0, 7), data.subarray(7)]) }), ...extra };
}

async function writeZip(name: string, entries: Iterable<ZipEntrySource> | AsyncIterable<ZipEntrySource>): Promise<string> {
  const path = join(dir, name);
  await pipeline(Readable.from(zipStream(entries)), createWriteStream(path));
  return path;
}

describe('zip writer, checked by Info-ZIP and Python zipfile', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a valid empty zip', async () => {
    const path = await writeZip('empty.zip', []);
    expect(statSync(path).size).toBe(22);
    expect(await pythonZipCheck(path)).toEqual({ bad: null, entries: [], zip64_end: false });
  });

  it('writes one file, byte for byte', async () => {
    const data = Buffer.from('hello, bundle\n'.repeat(1000));
    const path = await writeZip('one.zip', [entry('hello.txt', data)]);
    await unzipTest(path);
    const check = await pythonZipCheck(path);
    expect(check).toEqual({ bad: null, zip64_end: false, entries: [{ name: 'hello.txt', utf8: false, size: data.length, method: 8, compressed: framedSize(data.length), sha256: sha(data), zip64_extra: false }] });
  });

  it('sets the UTF-8 flag only on names that need it', async () => {
    const files = [['plain/ascii.txt', 'a'], ['café/résumé.txt', 'b'], ['日本語.txt', 'c'], ['emoji-😀.bin', 'd']] as const;
    const path = await writeZip('utf8.zip', files.map(([n, d]) => entry(n, Buffer.from(d))));
    await unzipTest(path);
    const check = await pythonZipCheck(path);
    expect(check.entries.map((e) => [e.name, e.utf8])).toEqual([
      ['plain/ascii.txt', false],
      ['café/résumé.txt', true],
      ['日本語.txt', true],
      ['emoji-😀.bin', true],
    ]);
  });

  it('writes entries whose CRC and size are known ahead without data descriptors, and checks them', async () => {
    const data = Buffer.from('known ahead');
    const path = await writeZip('known.zip', [entry('k.txt', data, { size: data.length, crc32: crc32(data) })]);
    await unzipTest(path);
    expect((await pythonZipCheck(path)).entries[0].sha256).toBe(sha(data));
    const wrong = writeZip('wrong.zip', [entry('k.txt', data, { size: data.length, crc32: 12345 })]);
    await expect(wrong).rejects.toThrow(/CRC-32 differs/);
    await expect(writeZip('short.zip', [entry('k.txt', data, { size: data.length + 1 })])).rejects.toThrow(/of its/);
  });

  it('deflates the entries marked for it, stores the others, and both readers agree', async () => {
    const text = Buffer.from('a line that repeats, and compresses well\n'.repeat(50_000));
    const noise = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24));
    const path = await writeZip('mixed.zip', [
      entry('text.txt', text, { deflate: true }),
      entry('noise.bin', noise, { deflate: true }),
      entry('stored.txt', text),
      entry('empty.txt', Buffer.alloc(0), { deflate: true }),
    ]);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    expect(check.entries.map((e) => [e.name, e.method, e.size, e.sha256])).toEqual([
      ['text.txt', 8, text.length, sha(text)],
      ['noise.bin', 8, noise.length, sha(noise)],
      ['stored.txt', 8, text.length, sha(text)],
      ['empty.txt', 8, 0, sha(Buffer.alloc(0))],
    ]);
    // The repeated text shrank: the archive is far smaller than its contents.
    expect(statSync(path).size).toBeLessThan(text.length * 1.2 + noise.length);
  });

  it('leaves a failed entry out under a skip policy, whether it was held whole or streamed', async () => {
    const failing = (name: string, size: number): ZipEntrySource => ({
      name,
      mtime: MTIME,
      size,
      open: () => ({ stream: Readable.from((async function* () {
        yield Buffer.alloc(Math.min(size, 100_000), 1);
        throw new Error('source broke');
      })()) }),
    });
    const kept = [Buffer.from('before'), Buffer.from('between'), Buffer.from('after')];
    const path = join(dir, 'skipped.zip');
    const skipped: string[] = [];
    const entries = [entry('a.txt', kept[0]), failing('small.bin', 5_000), entry('b.txt', kept[1]), failing('large.bin', 500_000), entry('c.txt', kept[2])];
    await pipeline(Readable.from(zipStream(entries, { skip: (e) => skipped.push(e.name) > 0 })), createWriteStream(path));
    expect(skipped).toEqual(['small.bin', 'large.bin']);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    expect((await pythonZipCheck(path)).entries.map((e) => [e.name, e.sha256])).toEqual([
      ['a.txt', sha(kept[0])],
      ['b.txt', sha(kept[1])],
      ['c.txt', sha(kept[2])],
    ]);
  });

  it('uses zip64 end records for more than 65,535 entries, and only then', async () => {
    const count = 70_000;
    const path = await writeZip('many.zip', (function* () {
      for (let i = 0; i < count; i++) yield entry(`d${i % 100}/f${i}.txt`, Buffer.from(`file ${i}\n`));
    })());
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    expect(check.zip64_end).toBe(true);
    expect(check.entries).toHaveLength(count);
    expect(check.entries.some((e) => e.zip64_extra)).toBe(false);
    expect(check.entries[count - 1]).toMatchObject({ name: `d99/f${count - 1}.txt`, sha256: sha(Buffer.from(`file ${count - 1}\n`)) });
    // Streaming readers meet all 70,000 local entries one after another.
    const streamed = await javaStreamRead('jdk', path);
    expect(streamed).toHaveLength(count);
    expect(streamed[count - 1]).toMatchObject({ name: `d99/f${count - 1}.txt`, sha256: sha(Buffer.from(`file ${count - 1}\n`)) });
    const all = (function* () {
      for (let i = 0; i < count; i++) yield Buffer.from(`file ${i}\n`);
    })();
    const digest = createHash('sha256');
    let bytes = 0;
    for (const b of all) {
      digest.update(b);
      bytes += b.length;
    }
    expect(await bsdtarStreamDigest(path)).toEqual({ bytes, sha256: digest.digest('hex') });
    const few = await writeZip('few.zip', [entry('a', Buffer.from('a'))]);
    expect((await pythonZipCheck(few)).zip64_end).toBe(false);
  }, 120_000);
});
