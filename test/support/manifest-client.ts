export interface ImportBody {
  id: string;
  state: string;
  bundleId: string;
  rowsRead: number;
  rowsImported: number | null;
  secret?: string;
  errors?: { row: number; column: string; reason: string }[];
  url: string;
}

/** Polls an import every 200 ms (as a client would, not as fast as it can) until it has ended, failing after `ms`. */
export async function importEnded(base: string, id: string, secret: string, ms = 120_000): Promise<ImportBody> {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await fetch(`${base}/v1/imports/${id}`, { headers: { 'X-Bundle-Secret': secret } });
    const body = (await res.json()) as ImportBody;
    if (body.state === 'succeeded' || body.state === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`import ${id} did not end within ${ms} ms (${body.state}, ${body.rowsRead} rows read)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every file of a bundle, in order, through the files API. */
export async function bundleFiles(base: string, id: string, secret: string): Promise<{ index: number; src: string; dst?: string }[]> {
  const files: { index: number; src: string; dst?: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await fetch(`${base}/v1/bundles/${id}/files?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { 'X-Bundle-Secret': secret } });
    const page = (await res.json()) as { items: { index: number; src: string; dst?: string }[]; nextCursor: string | null };
    files.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return files;
}
