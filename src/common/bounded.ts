/**
 * Calls `task` on each item, at most `limit` at a time, until `stop()` turns true
 * (asked before each new item); resolves once every started call has settled.
 * `task` records its own outcome and must not reject.
 */
export async function eachBounded<T>(items: AsyncIterable<T> | Iterable<T>, limit: number, task: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  const running = new Set<Promise<void>>();
  try {
    for await (const item of items) {
      if (stop()) break;
      const done: Promise<void> = task(item).finally(() => running.delete(done));
      running.add(done);
      if (running.size >= limit) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order; the first failure rejects. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
