import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { crc32 } from '@node-rs/crc32';
import fc from 'fast-check';
import { framedSize } from './stored-blocks.js';
import { DEFLATE_SAFE_SIZE, type PlannedEntry } from './zip-entry.js';
import { EntryContentError } from './layout-errors.js';
import { entryLength, LayoutPlanner, layoutRange, type PlacedSource } from './zip-layout.js';
import { zipStream, type ZipEntrySource } from './zip-writer.js';
import { LearningSource } from '../../layouts/learning-source.js';

const MTIME = new Date('2026-11-20T08:30:00Z');
// A pattern whose period shares no factor with the 65,535-byte blocks, so misplaced bytes show.
const PERIOD = 1_048_573;
const MAX_CHUNK = 2 << 20;
const PATTERN = Buffer.alloc(PERIOD + MAX_CHUNK);
for (let i = 0; i < PATTERN.length; i++) PATTERN[i] = ((i % PERIOD) * 2654435761) >>> 27;

/** Bytes from..to (inclusive) of a source `seed` of any size, as views into one shared pattern. */
function* sourceBytes(seed: number, from: number, to: number, chunk: number): Generator<Buffer> {
  for (let at = from; at <= to; ) {
    const take = Math.min(chunk, to - at + 1);
    const phase = (at + seed * 7919) % PERIOD;
    yield PATTERN.subarray(phase, phase + take);
    at += take;
  }
}

// The sizes that matter: empty, around block edges, and around 4 GiB where zip64 starts.
const LIMIT_BLOCKS = (() => {
  let size = 4_294_639_600;
  while (framedSize(size + 1) <= 0xffffffff) size += 1;
  return size;
})();
const sizeArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 300_000 }) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -2, max: 2 })).map(([k, d]) => Math.max(0, k * 65_535 + d)) },
  { weight: 1, arbitrary: fc.constantFrom(LIMIT_BLOCKS, LIMIT_BLOCKS + 1, DEFLATE_SAFE_SIZE, 0xffffffff, 0x100000000, 5 * 2 ** 30) },
);
const entryArb = fc.record({
  name: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
  size: sizeArb,
  stored: fc.boolean(),
  chunk: fc.constantFrom(1_000, 65_535, 100_000, 1 << 20, MAX_CHUNK),
});
const bundleArb = fc.record({
  entries: fc.array(entryArb, { minLength: 0, maxLength: 6 }).filter((es) => es.reduce((n, e) => n + e.size, 0) < 6 * 2 ** 30),
  ranges: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 }),
});

type Case = { name: string; size: number; stored: boolean; chunk: number };

/** Chunks as the case asks, but 2 MiB ones for huge sources: a 5 GiB source in 1 KB chunks would take minutes. */
const chunkOf = (e: Case) => (e.size > 64 << 20 ? MAX_CHUNK : e.chunk);

/** Known-ahead (method 0) entries only when small: their CRC is computed here first. */
const isStored = (e: Case) => e.stored && e.size <= 300_000;
const crcOf = (e: Case, i: number) => [...sourceBytes(i, 0, e.size - 1, 1 << 20)].reduce((c, b) => crc32(b, c), 0);

/** Streams the whole zip once, keeping only the slices asked for, and the CRCs it computed. */
async function streamed(cases: Case[], slices: [number, number][]) {
  const crcs: number[] = [];
  const entries: ZipEntrySource[] = cases.map((e, i) => ({
    name: `${i}/${e.name}`,
    mtime: MTIME,
    ...(isStored(e) ? { size: e.size, crc32: crcOf(e, i) } : {}),
    open: () => ({ size: e.size, stream: Readable.from(sourceBytes(i, 0, e.size - 1, chunkOf(e))) }),
  }));
  const kept = slices.map(() => [] as Buffer[]);
  let at = 0;
  for await (const chunk of zipStream(entries, { written: (_, w) => crcs.push(w.crc32) })) {
    slices.forEach(([s, e], k) => {
      const from = Math.max(s, at);
      const to = Math.min(e + 1, at + chunk.length);
      if (from < to) kept[k].push(Buffer.from(chunk.subarray(from - at, to - at)));
    });
    at += chunk.length;
  }
  return { size: at, crcs, slices: kept.map((k) => Buffer.concat(k)) };
}

function planned(cases: Case[], crcs: number[]): { entries: (PlannedEntry & { offset: number; index: number })[]; planner: LayoutPlanner } {
  const planner = new LayoutPlanner(MTIME);
  const entries = cases.map((e, i) => {
    const entry: PlannedEntry = { name: `${i}/${e.name}`, size: e.size, crc32: crcs[i] ?? 0, encoding: isStored(e) ? 'stored' : 'blocks' };
    return { ...entry, index: i, offset: planner.place(entry) };
  });
  return { entries, planner };
}

/**
 * A range of the planned zip. Entries marked in `unknown` come without their
 * CRC-32, as in a provisional layout: a LearningSource finds it by reading the
 * whole source, the first time the range or the central directory needs it.
 */
async function rangeOf(
  cases: Case[],
  entries: ReturnType<typeof planned>['entries'],
  planner: LayoutPlanner,
  start: number,
  end: number,
  unknown: boolean[] = [],
): Promise<Buffer> {
  const frame = planner.frame();
  const read = (i: number, f: number, t: number) => Readable.from(sourceBytes(i, f, t, chunkOf(cases[i])));
  const learning = entries.map((e) => (unknown[e.index] ? new LearningSource(e.size, (at) => read(e.index, at, e.size - 1), () => undefined) : undefined));
  const from = async function* (): AsyncGenerator<PlacedSource> {
    for (const e of entries) {
      const source = learning[e.index];
      if (!source) yield { ...e, read: (f: number, t: number) => read(e.index, f, t) };
      else yield { ...e, crc32: undefined, read: (f: number, t: number) => source.read(f, t), checksum: () => source.checksum() };
    }
  };
  const all = async function* () {
    for (const e of entries) yield { ...e, crc32: (await learning[e.index]?.checksum()) ?? e.crc32 };
  };
  const out: Buffer[] = [];
  for await (const chunk of layoutRange(frame, MTIME, start, end, from(), all)) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

/** The zip's size, and the ranges as byte offsets into it (fractions of the size, at most 8 MiB each so a run stays short). */
function slicesOf(cases: Case[], ranges: [number, number][]): { total: number; slices: [number, number][] } {
  const total = planned(cases, []).planner.frame().size;
  const slices = ranges.map(([a, b]): [number, number] => {
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    const start = Math.floor(lo * (total - 1));
    return [start, Math.min(Math.floor(hi * (total - 1)), start + (8 << 20))];
  });
  return { total, slices };
}

describe('zip layout arithmetic', () => {
  it('lays out exactly the bytes the streaming writer sends: any range is the same slice of the streamed zip', async () => {
    await fc.assert(
      fc.asyncProperty(bundleArb, async ({ entries: cases, ranges }) => {
        const { total, slices } = slicesOf(cases, ranges);
        const reference = await streamed(cases, slices);
        expect(reference.size).toBe(total);
        const { entries, planner } = planned(cases, reference.crcs);
        for (const [k, [start, end]] of slices.entries()) {
          const got = await rangeOf(cases, entries, planner, start, end);
          expect(got.length).toBe(end - start + 1);
          expect(got.equals(reference.slices[k])).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);

  it('a provisional layout (some CRC-32s found only by reading) sends the same bytes for any range', async () => {
    const provisionalArb = bundleArb.chain((bundle) =>
      fc.record({ bundle: fc.constant(bundle), unknown: fc.array(fc.boolean(), { minLength: bundle.entries.length, maxLength: bundle.entries.length }) }),
    );
    await fc.assert(
      fc.asyncProperty(provisionalArb, async ({ bundle: { entries: cases, ranges }, unknown }) => {
        // Found by reading: only files (stored blocks), and not the huge ones, whose CRC-32 would take seconds a range.
        const mask = cases.map((e, i) => unknown[i] && !isStored(e) && e.size < 64 << 20);
        const { slices } = slicesOf(cases, ranges);
        const reference = await streamed(cases, slices);
        const { entries, planner } = planned(cases, reference.crcs);
        for (const [k, [start, end]] of slices.entries()) {
          const got = await rangeOf(cases, entries, planner, start, end, mask);
          expect(got.equals(reference.slices[k])).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});

describe('a source that no longer matches its layout', () => {
  // Same size, same version as far as its store tells, other bytes: only the CRC-32 can tell.
  const cases: Case[] = [
    { name: 'first.bin', size: 200_000, stored: false, chunk: 65_536 },
    { name: 'small.txt', size: 4_000, stored: true, chunk: 1_000 },
  ];

  async function sent(changed: number, start: number, end: number) {
    const reference = await streamed(cases, [[0, 1 << 20]]);
    const { entries, planner } = planned(cases, reference.crcs);
    const from = async function* (): AsyncGenerator<PlacedSource> {
      for (const e of entries) {
        yield {
          ...e,
          read: (f: number, t: number) =>
            Readable.from(
              [...sourceBytes(e.index, f, t, 65_536)].map((b, k) => {
                const copy = Buffer.from(b);
                const at = (e.size >> 1) - f - k * 65_536; // the byte that changed, in this chunk
                if (e.index === changed && at >= 0 && at < copy.length) copy[at] ^= 0xff;
                return copy;
              }),
            ),
        };
      }
    };
    const out: Buffer[] = [];
    const all = async function* () {
      yield* entries;
    };
    const ended = (async () => {
      for await (const chunk of layoutRange(planner.frame(), MTIME, start, end, from(), all)) out.push(Buffer.from(chunk));
    })();
    return { ended, out, entries, reference: reference.slices[0] };
  }

  it.each([
    ['a file framed as blocks', 0],
    ['a stored file', 1],
  ])('%s read whole fails the range before its last bytes, instead of contradicting its CRC-32', async (_, changed) => {
    const { ended, out, entries } = await sent(changed, 0, Number.MAX_SAFE_INTEGER);
    await expect(ended).rejects.toThrow(EntryContentError);
    const dataEnd = entries[changed].offset + entryLength(entries[changed], MTIME) - 16;
    expect(Buffer.concat(out).length).toBeLessThan(dataEnd);
  });

  it('a range with part of a source cannot check it: that part is sent as read', async () => {
    const { ended, out, reference } = await sent(0, 1_000, 150_000);
    await ended;
    const got = Buffer.concat(out);
    expect(got.length).toBe(149_001);
    expect(got.equals(reference.subarray(1_000, 150_001))).toBe(false);
  });
});
