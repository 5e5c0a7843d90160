import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { crc32 } from '@node-rs/crc32';
import { zipStream, type ZipEntrySource } from '../src/archive/zip/zip-writer.js';
import { DEFLATE_SAFE_SIZE } from '../src/archive/zip/zip-entry.js';
import { framedSize } from '../src/archive/zip/stored-blocks.js';
import { bsdtarStreamDigest, bsdtarStreamRead, javaStreamRead, pythonZipCheck, sevenZipTest, type StreamedEntry, unzipTest } from './support/zip-readers.js';

const dir = mkdtempSync(join(tmpdir(), 'bundlestream-readers-'));
const MTIME = new Date('2026-11-23T10:00:07Z');
const MTIME_S = Math.floor(MTIME.getTime() / 1000);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Bytes that differ from byte to byte, cut into chunks that straddle block boundaries. */
function patterned(size: number, seed = 7): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + seed + (i >> 9)) & 255;
  return out;
}

function entry(name: string, data: Buffer, extra: Partial<ZipEntrySource> = {}, chunk = 40_000): ZipEntrySource {
  const chunks = () => Array.from({ length: Math.ceil(data.length / chunk) }, (_, i) => data.subarray(i * chunk, (i + 1) * chunk));
  return { name, mtime: MTIME, open: () => ({ stream: Readable.from(chunks()), size: data.length }), ...extra };
}

/** Writes the zip to a file and, as it is made, into each streaming reader. */
async function everyReader(name: string, entries: ZipEntrySource[], options: Parameters<typeof zipStream>[1] = {}) {
  const path = join(dir, name);
  const pipes = [new PassThrough(), new PassThrough(), new PassThrough()];
  const readers = Promise.all([javaStreamRead('jdk', pipes[0]), javaStreamRead('commons', pipes[1]), bsdtarStreamRead(pipes[2])]);
  await teeZip(zipStream(entries, options), [...pipes, createWriteStream(path)]);
  const [jdk, commons, bsdtar] = await readers;
  return { path, jdk, commons, bsdtar };
}

/** Sends the zip, as it is made, into every sink at the pace of the slowest; resolves once the file sink is closed. */
async function teeZip(zip: AsyncGenerator<Buffer>, sinks: Writable[]): Promise<void> {
  for await (const chunk of zip) {
    const full = sinks.filter((sink) => !sink.write(chunk));
    await Promise.all(full.map((sink) => once(sink, 'drain'))); // every one of them, not the first to drain
  }
  const last = sinks[sinks.length - 1];
  const closed = once(last, 'close');
  for (const sink of sinks) sink.end();
  await closed;
}

const summary = (entries: StreamedEntry[]) => entries.map((e) => [e.name, e.size, e.sha256]);

describe('zips read front to back by streaming readers, and by random-access ones', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads stored, deflated and known-ahead entries at every block boundary, with their time in any zone', async () => {
    const sizes = [0, 1, 65_534, 65_535, 65_536, 131_070, 131_071, 200_001];
    const files = sizes.map((size, i) => ({ name: `stored/${size}.bin`, data: patterned(size, i) }));
    const text = Buffer.from('a line that compresses\n'.repeat(20_000));
    const known = Buffer.from('size and CRC known when added');
    const entries = [
      ...files.map((f) => entry(f.name, f.data)),
      entry('日本語/café.txt', Buffer.from('unicode name')),
      entry('deflated.txt', text, { deflate: true }),
      entry('deflated-empty.txt', Buffer.alloc(0), { deflate: true }),
      entry('known.txt', known, { size: known.length, crc32: crc32(known) }),
      // Size learnt only from the bytes: framed without knowing it ahead.
      { name: 'unsized.bin', mtime: MTIME, open: () => ({ stream: Readable.from([patterned(70_000).subarray(0, 30_000), patterned(70_000).subarray(30_000)]) }) },
    ];
    const expected = [
      ...files.map((f) => [f.name, f.data.length, sha(f.data)]),
      ['日本語/café.txt', 12, sha(Buffer.from('unicode name'))],
      ['deflated.txt', text.length, sha(text)],
      ['deflated-empty.txt', 0, sha(Buffer.alloc(0))],
      ['known.txt', known.length, sha(known)],
      ['unsized.bin', 70_000, sha(patterned(70_000))],
    ];
    const { path, jdk, commons, bsdtar } = await everyReader('boundaries.zip', entries);
    expect(summary(jdk)).toEqual(expected);
    expect(summary(commons)).toEqual(expected);
    expect(summary(bsdtar).sort()).toEqual([...expected].sort());
    // The extended timestamp carries the time itself, whatever the reader's zone.
    expect(new Set([...jdk, ...commons, ...bsdtar].map((e) => e.mtime))).toEqual(new Set([MTIME_S]));
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    await sevenZipTest(path);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    expect(check.entries.map((e) => [e.name, e.size, e.sha256])).toEqual(expected);
    // Stored data of unknown CRC is method 8 (stored blocks); known-ahead data is method 0.
    expect(check.entries.map((e) => e.method)).toEqual([...sizes.map(() => 8), 8, 8, 8, 0, 8]);
  }, 60_000);

  it('under a skip policy closes a failed entry so that streaming readers read every other one', async () => {
    const failing = (name: string, size: number, deflate: boolean): ZipEntrySource => ({
      name,
      mtime: MTIME,
      deflate,
      open: () => ({
        size,
        stream: Readable.from(
          (async function* () {
            yield patterned(100_000);
            yield patterned(30_000);
            throw new Error('source broke');
          })(),
        ),
      }),
    });
    const kept = [patterned(70_000, 1), patterned(300_000, 2), patterned(10, 3)];
    const skipped: string[] = [];
    const entries = [
      entry('a.bin', kept[0]),
      failing('stored-broken.bin', 500_000, false),
      entry('b.bin', kept[1]),
      failing('deflated-broken.bin', 500_000, true),
      entry('c.bin', kept[2]),
    ];
    const { path, jdk, commons, bsdtar } = await everyReader('skipped.zip', entries, { skip: (e) => skipped.push(e.name) > 0 });
    expect(skipped).toEqual(['stored-broken.bin', 'deflated-broken.bin']);
    const keptSummary = [
      ['a.bin', kept[0].length, sha(kept[0])],
      ['b.bin', kept[1].length, sha(kept[1])],
      ['c.bin', kept[2].length, sha(kept[2])],
    ];
    // Streaming readers also meet the closed stubs; every kept entry is whole.
    for (const read of [jdk, commons, bsdtar]) {
      expect(summary(read.filter((e) => !e.name.includes('broken'))).sort()).toEqual([...keptSummary].sort());
    }
    expect(jdk.map((e) => e.name)).toEqual(['a.bin', 'stored-broken.bin', 'b.bin', 'deflated-broken.bin', 'c.bin']);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    await sevenZipTest(path);
    expect((await pythonZipCheck(path)).entries.map((e) => [e.name, e.size, e.sha256])).toEqual(keptSummary);
  }, 60_000);

  it('ends the zip with the source\'s error when no skip policy is given', async () => {
    const broken: ZipEntrySource = { name: 'x', mtime: MTIME, open: () => ({ size: 10, stream: Readable.from((async function* () { yield Buffer.alloc(5); throw new Error('boom'); })()) }) };
    await expect(pipeline(Readable.from(zipStream([broken])), createWriteStream(join(dir, 'broken.zip')))).rejects.toThrow('boom');
  });

  it('knows where 4 GiB starts: the framed size decides zip64 for stored blocks', () => {
    // The largest stored-block entry without zip64 frames to exactly 0xFFFFFFFF bytes.
    let size = 4_294_639_600;
    while (framedSize(size + 1) <= 0xffffffff) size += 1;
    expect(framedSize(size)).toBeLessThanOrEqual(0xffffffff);
    expect(framedSize(size + 1)).toBeGreaterThan(0xffffffff);
    expect(DEFLATE_SAFE_SIZE).toBeLessThan(size);
  });

  it('writes 8-byte descriptors exactly where streaming readers expect them, around 4 GiB, stored and deflated', async () => {
    let edge = 4_294_639_600;
    while (framedSize(edge + 1) <= 0xffffffff) edge += 1;
    // 1 MiB of text-like bytes: incompressible enough to matter, compressible enough to be quick.
    const block = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => 97 + ((i * 7 + (i >> 11)) % 23)));
    const cases = [
      { name: 'blocks-at-edge.bin', size: edge, deflate: false }, // frames to 0xFFFFFFFF bytes: no zip64
      { name: 'blocks-past-edge.bin', size: edge + 1, deflate: false }, // one more byte: zip64
      { name: 'deflate-ambiguous.bin', size: DEFLATE_SAFE_SIZE + 1_000_000, deflate: true }, // written as stored blocks
      { name: 'deflate-over-4gib.bin', size: 2 ** 32 + 12_345, deflate: true }, // zip64, compressed far below 4 GiB
    ];
    const digest = createHash('sha256');
    const entries = cases.map(({ name, size, deflate }) => ({
      name,
      mtime: MTIME,
      deflate,
      open: () => ({
        size,
        stream: Readable.from(
          (function* () {
            for (let at = 0; at < size; at += block.length) {
              const chunk = block.subarray(0, Math.min(block.length, size - at));
              digest.update(chunk);
              yield chunk;
            }
          })(),
        ),
      }),
    }));
    const path = join(dir, 'around-4gib.zip');
    const pipes = [new PassThrough(), new PassThrough(), new PassThrough()];
    const readers = Promise.all([javaStreamRead('jdk', pipes[0]), javaStreamRead('commons', pipes[1]), bsdtarStreamDigest(pipes[2])]);
    try {
      await teeZip(zipStream(entries, { deflateLevel: 1 }), [...pipes, createWriteStream(path)]);
      const [jdk, commons, bsdtar] = await readers;
      const shas = prefixDigests(block, cases.map((c) => c.size));
      const expected = cases.map((c) => [c.name, c.size, shas.get(c.size)]);
      expect(summary(jdk)).toEqual(expected);
      expect(summary(commons)).toEqual(expected);
      expect(bsdtar).toEqual({ bytes: cases.reduce((n, c) => n + c.size, 0), sha256: digest.digest('hex') });
      // Random access: Info-ZIP checks every entry's CRC-32 (all 16 GiB); Python reads the
      // central directory's sizes, methods and zip64 fields (the bytes were compared above).
      const [unzipped, check] = await Promise.all([unzipTest(path), pythonZipCheck(path, { directory: true })]);
      expect(unzipped).toMatch(/No errors detected/);
      expect(check.entries.map((e) => [e.name, e.size, e.method, e.compressed === framedSize(e.size)])).toEqual([
        [cases[0].name, cases[0].size, 8, true],
        [cases[1].name, cases[1].size, 8, true],
        [cases[2].name, cases[2].size, 8, true],
        [cases[3].name, cases[3].size, 8, false],
      ]);
    } finally {
      rmSync(path, { force: true });
    }
  }, 1_200_000);
});

/** The SHA-256 of each of `sizes` first bytes of `block` repeated: one pass for all of them. */
function prefixDigests(block: Buffer, sizes: readonly number[]): Map<number, string> {
  const running = createHash('sha256');
  const digests = new Map<number, string>();
  let at = 0;
  for (const size of [...sizes].sort((a, b) => a - b)) {
    while (at < size) {
      const from = at % block.length;
      const n = Math.min(block.length - from, size - at);
      running.update(block.subarray(from, from + n));
      at += n;
    }
    digests.set(size, running.copy().digest('hex'));
  }
  return digests;
}
