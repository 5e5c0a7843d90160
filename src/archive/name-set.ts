const EMPTY = 0;
const FIRST_CAPACITY = 1024;

/**
 * A set of names kept as 64-bit hashes in an open-addressing table: 8 bytes a
 * slot, at most half full, so a million names cost about 16 MB instead of the
 * 80 MB their strings would. Two names whose hashes agree (about one chance in
 * ten million for a million names) count as one: a spurious, but still
 * deterministic, "taken".
 */
export class NameSet {
  private slots = new Uint32Array(FIRST_CAPACITY * 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(name: string): boolean {
    const [a, b] = hash64(name);
    return this.find(this.slots, a, b) < 0;
  }

  add(name: string): void {
    const [a, b] = hash64(name);
    const at = this.find(this.slots, a, b);
    if (at < 0) return;
    this.slots[at] = a;
    this.slots[at + 1] = b;
    this.count += 1;
    if (this.count * 2 > this.slots.length / 2) this.grow();
  }

  /** The slot where (a, b) is, as -1, or the free slot where it would go. */
  private find(slots: Uint32Array, a: number, b: number): number {
    const mask = slots.length / 2 - 1;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const x = slots[i * 2];
      const y = slots[i * 2 + 1];
      if (x === EMPTY && y === EMPTY) return i * 2;
      if (x === a && y === b) return -1;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === EMPTY && old[i + 1] === EMPTY) continue;
      const at = this.find(slots, old[i], old[i + 1]);
      slots[at] = old[i];
      slots[at + 1] = old[i + 1];
    }
    this.slots = slots;
  }
}

/** Two independent 32-bit hashes of the UTF-16 code units (murmur3-style mixing); never both zero. */
export function hash64(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x27d4eb2f ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x5bd1e995);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b);
    h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 = (h1 ^ (h1 >>> 16)) >>> 0;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  return h1 === EMPTY && h2 === EMPTY ? [0, 1] : [h1, h2];
}
