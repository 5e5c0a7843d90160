import { type ReadBudget, UNBOUNDED } from './read-budget.js';

/**
 * The read buffers of one download. Each read holds about `TARGET_MS` of the
 * client's bandwidth: a fast client gets large reads (1 MiB chunks stream 3×
 * faster than 64 KiB ones here), a slow one small reads, so that memory held
 * per download follows its bandwidth. Sizes start small and at most double per
 * window (the socket's own buffer swallows a first burst from any client, slow
 * ones too); they drop at once. Buffers come back through `recycle` once the
 * socket has written them: allocating a fresh 1 MiB buffer per read made V8
 * spend a third of its time in GC.
 */
/** Where a reader takes its next buffer from: the size is the giver's decision. */
export interface ReadBuffers {
  allocate(): Buffer;
}

export class ReadPace implements ReadBuffers {
  static readonly MIN = 16 * 1024;
  static readonly MAX = 1024 * 1024;
  private static readonly TARGET_MS = 8;
  private static readonly WINDOW_MS = 20;
  private static readonly MAX_FREE = 2;

  private size = ReadPace.MIN;
  private windowStart = performance.now();
  private windowBytes = 0;
  private readonly free: ArrayBuffer[] = [];
  private readonly owned = new WeakSet<ArrayBuffer>();
  private readonly lent = new WeakSet<Buffer>();
  /**
   * The read size this download holds in the process-wide budget. Reserved by
   * size, not by buffer, so that a buffer nobody hands back (copied on its way,
   * or dropped on an error path) costs the budget nothing once it is gone.
   */
  private reserved: number;
  private closed = false;

  constructor(private readonly budget: ReadBudget = UNBOUNDED) {
    this.reserved = budget.take(this.size, ReadPace.MIN);
  }

  /** The read size to use now: a power of two between MIN and MAX. */
  get chunkSize(): number {
    return this.size;
  }

  /** A buffer of the current read size (at most `cap`), reused when one of that size is free. */
  allocate(cap = ReadPace.MAX): Buffer {
    const size = Math.min(this.size, cap);
    const reused = this.free.findIndex((b) => b.byteLength === size);
    if (reused >= 0) return Buffer.from(this.free.splice(reused, 1)[0], 0, size);
    const buffer = Buffer.allocUnsafeSlow(size);
    this.owned.add(buffer.buffer as ArrayBuffer);
    return buffer;
  }

  /** The download has ended: its read size goes back to the budget. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.budget.give(this.reserved);
    this.reserved = 0;
    this.free.length = 0;
  }

  /** Marks a view into a buffer that later views still need: written, it gives nothing back. */
  lend(view: Buffer): void {
    this.lent.add(view);
  }

  /** Takes back a chunk nobody reads any more; chunks not allocated here, and lent views, are ignored. */
  recycle(chunk: Buffer): void {
    const memory = chunk.buffer as ArrayBuffer;
    if (this.closed || this.lent.has(chunk) || !this.owned.has(memory) || this.free.includes(memory)) return;
    if (memory.byteLength > this.size) return; // the pace dropped; let GC have it
    if (this.free.length >= ReadPace.MAX_FREE) this.free.shift(); // the oldest is the likeliest to be of a stale size
    this.free.push(memory);
  }

  /** Reports bytes the client has taken; the size follows the rate of the last window. */
  delivered(bytes: number, now = performance.now()): void {
    this.windowBytes += bytes;
    const elapsed = now - this.windowStart;
    if (elapsed < ReadPace.WINDOW_MS) return;
    const wanted = (this.windowBytes / elapsed) * ReadPace.TARGET_MS;
    const fits = 2 ** Math.floor(Math.log2(Math.max(1, wanted)));
    const next = Math.min(ReadPace.MAX, 2 * this.size, Math.max(ReadPace.MIN, fits));
    if (next !== this.size && !this.closed) {
      // What the budget grants, this download's own share given back first.
      this.budget.give(this.reserved);
      this.reserved = this.budget.take(next, ReadPace.MIN);
      this.size = this.reserved;
    }
    this.windowStart = now;
    this.windowBytes = 0;
  }
}
