/**
 * Rows `from`..`total - 1`, a page at a time, so memory does not grow with the
 * total. Pages start small and double up to `maxPage`: the first row (the first
 * entry of a download) should not wait for a thousand.
 */
export async function* paged<T>(fetchPage: (from: number, limit: number) => Promise<T[]>, from: number, total: number, maxPage = 1000): AsyncGenerator<T> {
  let size = Math.min(32, maxPage);
  for (let at = from; at < total; at += size, size = Math.min(maxPage, size * 2)) {
    const page = await fetchPage(at, size);
    yield* page;
    if (page.length < size) return;
  }
}
