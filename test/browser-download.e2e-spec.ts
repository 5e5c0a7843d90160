import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('a bundle downloaded by Chromium from a signed link', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-browser-dl-'));
  const files = { 'notes.txt': Buffer.from('plain text\n'), 'Résumé été.pdf': randomBytes(300_000), 'big.bin': randomBytes(5 * 2 ** 20) };
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    for (const [name, data] of Object.entries(files)) writeFileSync(join(root, name), data);
    ({ t, base } = await listeningTestApp({ LOCAL_STORAGE_ROOT: root }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** Clicks a link to `url` on a page of the service, as a person would; resolves the saved file and the name Chromium chose. */
  async function downloadInBrowser(url: string): Promise<{ path: string; name: string }> {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/health/live`);
      await page.setContent(`<a id="go" href="${url}">the bundle</a>`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#go')]);
      const path = join(root, `saved-${Date.now()}.zip`);
      await download.saveAs(path);
      expect(await download.failure()).toBeNull();
      return { path, name: download.suggestedFilename() };
    } finally {
      await page.close();
    }
  }

  it('saves the zip under the bundle\'s name (not ASCII), whole, and the same bytes the next time (then with a length)', async () => {
    const created = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: 'Rapport été 2026', coverSheet: false, files: Object.keys(files).map((name) => ({ src: `file:///${encodeURIComponent(name)}`, dst: `docs/${name}` })) }),
    });
    expect(created.status).toBe(201);
    const bundle = (await created.json()) as { id: string; secret: string };
    const link = await fetch(`${base}/v1/bundles/${bundle.id}/links`, {
      method: 'POST',
      headers: { 'X-Bundle-Secret': bundle.secret, 'Content-Type': 'application/json' },
      body: JSON.stringify({ expiresInMinutes: 10 }),
    });
    const { url } = (await link.json()) as { url: string };

    const first = await downloadInBrowser(`${base}${url}`);
    expect(first.name).toBe('Rapport été 2026.zip');
    expect(await unzipTest(first.path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(first.path);
    expect(check.bad).toBeNull();
    expect(check.entries.map((e) => [e.name, e.size, e.sha256])).toEqual(Object.entries(files).map(([name, data]) => [`docs/${name}`, data.length, sha256(data)]));

    // The first download taught the service the layout: the next one has a length, and is the same bytes.
    const head = await fetch(`${base}${url}`, { method: 'HEAD' });
    expect(Number(head.headers.get('content-length'))).toBe(statSync(first.path).size);
    const second = await downloadInBrowser(`${base}${url}`);
    expect(sha256(readFileSync(second.path))).toBe(sha256(readFileSync(first.path)));
  }, 60_000);
});

