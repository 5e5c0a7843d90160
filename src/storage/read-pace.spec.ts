import { describe, expect, it } from '@jest/globals';
import { ReadBudget } from './read-budget.js';
import { ReadPace } from './read-pace.js';

/** Feeds `rate` bytes per millisecond for `ms` milliseconds, in 1 ms steps. */
function feed(pace: ReadPace, rate: number, ms: number, from: number): number {
  for (let t = 1; t <= ms; t++) pace.delivered(rate, from + t);
  return from + ms;
}

describe('ReadPace', () => {
  it('starts small, doubles per window for a fast client up to 1 MiB, and drops at once for a slow one', () => {
    const pace = new ReadPace();
    expect(pace.chunkSize).toBe(16 * 1024);
    let t = feed(pace, 1_000_000, 20, performance.now());
    expect(pace.chunkSize).toBe(32 * 1024); // a burst earns one doubling, not 1 MiB
    t = feed(pace, 1_000_000, 200, t);
    expect(pace.chunkSize).toBe(1024 * 1024);
    t = feed(pace, 1_000, 40, t); // 1 MB/s
    expect(pace.chunkSize).toBe(16 * 1024);
    feed(pace, 10_000, 400, t); // 10 MB/s: 80 KB per 8 ms, floored to a power of two
    expect(pace.chunkSize).toBe(64 * 1024);
  });

  it('keeps its size until a window has passed', () => {
    const pace = new ReadPace();
    pace.delivered(10 << 20, performance.now() + 1);
    expect(pace.chunkSize).toBe(16 * 1024);
  });
});

describe('ReadPace buffers', () => {
  it('hands a recycled buffer out again, and only buffers of its own', () => {
    const pace = new ReadPace();
    const first = pace.allocate();
    expect(first.length).toBe(16 * 1024);
    pace.recycle(first.subarray(0, 100)); // a short read's view of the same memory
    const second = pace.allocate();
    expect(second.buffer).toBe(first.buffer);
    pace.recycle(Buffer.alloc(16 * 1024)); // not ours
    expect(pace.allocate().buffer).not.toBe(second.buffer);
  });

  it('never hands one buffer to two reads', () => {
    const pace = new ReadPace();
    const a = pace.allocate();
    pace.recycle(a);
    pace.recycle(a);
    const b = pace.allocate();
    const c = pace.allocate();
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(a.buffer);
  });

  it('caps a buffer when asked (a prefetched source), and reuses capped ones for capped reads', () => {
    const pace = new ReadPace();
    feed(pace, 1_000_000, 200, performance.now());
    expect(pace.allocate().length).toBe(1024 * 1024);
    const small = pace.allocate(64 * 1024);
    expect(small.length).toBe(64 * 1024);
    pace.recycle(small);
    expect(pace.allocate(64 * 1024).buffer).toBe(small.buffer);
  });

  it('gives a buffer back only with its last view: a lent view, once written, leaves it in use', () => {
    const pace = new ReadPace();
    const chunk = pace.allocate();
    const first = chunk.subarray(0, 100);
    const last = chunk.subarray(100);
    pace.lend(first);
    pace.recycle(first);
    expect(pace.allocate().buffer).not.toBe(chunk.buffer);
    pace.recycle(last);
    expect(pace.allocate().buffer).toBe(chunk.buffer);
  });
});

describe('ReadPace under a shared ReadBudget', () => {
  const fast = (pace: ReadPace) => feed(pace, 1_000_000, 400, performance.now());

  it('gives one download alone 1 MiB reads, and many downloads small ones within the budget', () => {
    const budget = new ReadBudget(8 << 20);
    const alone = new ReadPace(budget);
    fast(alone);
    expect(alone.allocate().length).toBe(1 << 20);
    alone.close();
    expect(budget.heldBytes).toBe(0);

    const many = Array.from({ length: 100 }, () => new ReadPace(budget));
    const buffers = many.map((pace) => {
      fast(pace);
      return [pace.allocate(), pace.allocate()];
    });
    // Past the budget every download still reads, at the floor of 16 KiB; the read sizes add up to the budget.
    expect(Math.min(...buffers.flat().map((b) => b.length))).toBe(16 * 1024);
    expect(budget.heldBytes).toBeLessThanOrEqual((8 << 20) + 100 * 16 * 1024);
    expect(many.reduce((n, pace) => n + pace.chunkSize, 0)).toBe(budget.heldBytes);
    for (const pace of many) pace.close();
    expect(budget.heldBytes).toBe(0);
  });

  it('holds its read size in the budget, follows it down when the client slows, and gives it back on close', () => {
    const budget = new ReadBudget(64 << 20);
    const pace = new ReadPace(budget);
    const t = fast(pace);
    expect(budget.heldBytes).toBe(1 << 20);
    const big = pace.allocate();
    feed(pace, 1_000, 40, t); // the client slows to 1 MB/s: reads drop to 16 KiB
    expect(budget.heldBytes).toBe(16 * 1024);
    pace.recycle(big);
    const small = pace.allocate();
    expect(small.length).toBe(16 * 1024);
    pace.close();
    pace.recycle(small);
    expect(budget.heldBytes).toBe(0);
  });

  it('costs the budget nothing for buffers never handed back', () => {
    const budget = new ReadBudget(8 << 20);
    const pace = new ReadPace(budget);
    fast(pace);
    for (let i = 0; i < 100; i++) pace.allocate(); // 100 MiB of reads, none recycled
    expect(budget.heldBytes).toBe(1 << 20);
    expect(pace.allocate().length).toBe(1 << 20);
  });
});
