import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { listeningTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const TUS_CLIENT = readFileSync(new URL('../node_modules/tus-js-client/dist/tus.min.js', import.meta.url));
const SIZE = 3 * 2 ** 20 + 7;

/** The bytes the page uploads, made the same way here and in the page. */
const pattern = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 9)) & 255);

/** A site of its own (another port, so another origin) serving a page with tus-js-client. */
async function site(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/tus.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(TUS_CLIENT);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>uploader</title><script src="/tus.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** In the page: uploads the pattern with tus-js-client in 1 MiB PATCHes; resolves its URL or the error's text. */
async function uploadFromPage(browser: Browser, origin: string, api: string): Promise<{ url?: string; error?: string }> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(
      ({ api, key, size }) =>
        new Promise<{ url?: string; error?: string }>((resolve) => {
          const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 9)) & 255);
          const tus = (globalThis as unknown as { tus: typeof import('tus-js-client') }).tus;
          const upload = new tus.Upload(new Blob([bytes]), {
            endpoint: `${api}/v1/uploads`,
            chunkSize: 2 ** 20,
            headers: { Authorization: `Bearer ${key}` },
            metadata: { filename: 'from-a-page.bin', filetype: 'application/octet-stream' },
            retryDelays: [],
            onError: (err) => resolve({ error: String(err) }),
            onSuccess: () => resolve({ url: upload.url ?? undefined }),
          });
          upload.start();
        }),
      { api, key: TEST_API_KEY, size: SIZE },
    );
  } finally {
    await page.close();
  }
}

describe('a page on another origin, in Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'bundlestream-browser-'));
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    [allowed, other] = await Promise.all([site(), site()]);
    ({ t, base } = await listeningTestApp({ STORE_DIR: join(work, 'store'), CORS_ORIGINS: allowed.origin }));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
    allowed.server.close();
    other.server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('uploads with tus-js-client from a listed origin, then reads a range of a bundle of it with fetch', async () => {
    const { url, error } = await uploadFromPage(browser, allowed.origin, base);
    expect(error).toBeUndefined();
    const id = new URL(url!, base).pathname.split('/').pop()!;
    const stored = (await (await fetch(`${base}/v1/files/${id}`, { headers: { Authorization: `Bearer ${TEST_API_KEY}` } })).json()) as { size: number; digest: string };
    expect(stored).toMatchObject({ size: SIZE, digest: `sha-256=:${createHash('sha256').update(pattern(SIZE)).digest('base64')}:` });

    const created = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: `store://${id}` }] }),
    });
    const bundle = (await created.json()) as { id: string; secret: string };
    const page = await browser.newPage();
    try {
      await page.goto(allowed.origin);
      const answer = await page.evaluate(
        async ({ url, secret }) => {
          const res = await fetch(url, { headers: { 'X-Bundle-Secret': secret, Range: 'bytes=0-3' } });
          return { status: res.status, range: res.headers.get('content-range'), etag: res.headers.get('etag'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
        },
        { url: `${base}/v1/bundles/${bundle.id}/download`, secret: bundle.secret },
      );
      expect(answer).toMatchObject({ status: 206, range: expect.stringMatching(/^bytes 0-3\/\d+$/), etag: expect.stringMatching(/^"/), bytes: [0x50, 0x4b, 0x03, 0x04] });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('is kept from the API by the browser on an origin that is not listed', async () => {
    const { url, error } = await uploadFromPage(browser, other.origin, base);
    expect(url).toBeUndefined();
    expect(error).toMatch(/failed to create upload/i);
  }, 60_000);
});
