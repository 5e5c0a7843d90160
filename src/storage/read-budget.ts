/**
 * The read buffers of every download together. A buffer is granted at the size
 * asked for while the total held stays within `total` bytes, else at the largest
 * power-of-two size that fits, never under `floor` (every download can always
 * read). One download alone gets 1 MiB reads; a thousand get small ones, and
 * memory stays flat in the number of downloads.
 */
export class ReadBudget {
  private held = 0;

  constructor(readonly total: number) {}

  /** Grants a read size (`wanted`, or less down to `floor`); give it back with `give`. */
  take(wanted: number, floor: number): number {
    let size = wanted;
    while (size > floor && this.held + size > this.total) size /= 2;
    this.held += size;
    return size;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  /** Bytes granted and not given back: buffers of downloads under way. */
  get heldBytes(): number {
    return this.held;
  }
}

/** No bound: for tools and tests that read alone. */
export const UNBOUNDED = new ReadBudget(Number.POSITIVE_INFINITY);
