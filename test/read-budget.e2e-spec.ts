import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReadBudget } from '../src/storage/read-budget.js';
import { eventually } from './support/eventually.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const MiB = 1 << 20;
const BUDGET = 4 * MiB;

/**
 * Read buffers come from one budget for the whole process: many downloads at
 * once hold about the budget (each at least one small buffer), and every byte
 * goes back when they end, however they end.
 */
describe('the read buffer budget', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-budget-'));
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(root, 'in'));
    for (let i = 0; i < 4; i++) writeFileSync(join(root, 'in', `f${i}.bin`), randomBytes(16 * MiB));
    ({ t, base } = await listeningTestApp({ LOCAL_STORAGE_ROOT: root, READ_BUFFER_BYTES: String(BUDGET) }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('holds 40 downloads at once within the budget, and gets every byte back when they end', async () => {
    const created = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [0, 1, 2, 3].map((i) => ({ src: `file:///in/f${i}.bin` })) }),
    });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const budget = t.app.get(ReadBudget);
    const { port } = new URL(base);
    // Clients that take a first burst and then stop reading: their downloads stay open.
    const clients = Array.from({ length: 40 }, () =>
      httpRequest({ host: '127.0.0.1', port, path: `/v1/bundles/${id}/download`, headers: { 'X-Bundle-Secret': secret } }, (res) => {
        res.once('data', () => res.pause());
      })
        .on('error', () => undefined) // destroyed below, on purpose
        .end(),
    );
    await eventually(() => budget.heldBytes > 0, 10_000, 'the downloads to read');
    let peak = 0;
    await eventually(() => {
      peak = Math.max(peak, budget.heldBytes);
      return clients.every((c) => c.socket !== null && c.socket !== undefined);
    }, 10_000, 'every client to connect');
    // Each download may always read one 16 KiB buffer (and a prefetched source one more).
    expect(peak).toBeLessThanOrEqual(BUDGET + 40 * 4 * 16 * 1024);
    for (const c of clients) c.destroy();
    await eventually(() => budget.heldBytes === 0, 10_000, 'every read buffer to be given back');
  }, 60_000);
});
