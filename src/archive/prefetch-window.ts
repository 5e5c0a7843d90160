/** Until its turn comes, a prefetched source reads at most one buffer this large. */
export const PREFETCH_READ_BYTES = 64 * 1024;

/** Something that can start opening its source ahead of its turn. */
export interface Prefetchable {
  prefetch(): void;
}

/**
 * Passes items on in order, keeping up to `depth` items beyond the current one
 * already started: their sources open (and read one small buffer) while the
 * current one is written, so per-file latency overlaps instead of adding up.
 */
export async function* prefetchWindow<T extends Prefetchable>(items: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const window: T[] = [];
  const iterator = items[Symbol.asyncIterator]();
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && window.length <= depth) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else {
        if (window.length > 0) next.value.prefetch();
        window.push(next.value);
      }
    }
  };
  try {
    await fill();
    while (window.length > 0) {
      yield window.shift()!;
      await fill();
    }
  } finally {
    await iterator.return?.();
  }
}
