import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { framedSize, sourceSpan } from '../src/archive/zip/stored-blocks.js';
import { FaultServer } from './support/fault-server.js';
import { hugeEntry, serveHugeEntry } from './support/huge-entry.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';
import { pythonZipCheck, unzipTest } from './support/zip-readers.js';

const run = promisify(execFile);

describe('a sealed bundle over 4 GiB', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-resume-scale-'));
  const out = mkdtempSync(join(tmpdir(), 'bundlestream-resume-scale-out-'));
  const web = new FaultServer();
  const huge = hugeEntry();
  const reads: [number, number][] = [];
  let t: TestApp;
  let base: string;
  let bundle: { id: string; secret: string };
  const secret = () => ['-H', `X-Bundle-Secret: ${bundle.secret}`];
  const url = () => `${base}/v1/bundles/${bundle.id}/download`;

  beforeAll(async () => {
    web.route('/huge.bin', serveHugeEntry(huge, '"huge-v1"', reads));
    await web.start();
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'd', 'before.txt'), 'before\n');
    writeFileSync(join(root, 'd', 'after.txt'), 'after\n');
    t = await createTestApp({ LOCAL_STORAGE_ROOT: root, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const res = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ src: 'file:///d/before.txt' }, { src: `http://localhost:${web.port}/huge.bin` }, { src: 'file:///d/after.txt' }] }),
    });
    bundle = (await res.json()) as { id: string; secret: string };
  });
  afterAll(async () => {
    await t.close();
    await web.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('seals, then sends exactly its Content-Length, with zip64 only where needed; HEAD agrees', async () => {
    await fetch(`${base}/v1/bundles/${bundle.id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': bundle.secret } });
    let status: { state: string; contentLength?: number; bytesRead: number } = { state: 'sealing', bytesRead: 0 };
    while (status.state === 'sealing') {
      await new Promise((r) => setTimeout(r, 200));
      status = (await (await fetch(`${base}/v1/bundles/${bundle.id}/seal`, { headers: { 'X-Bundle-Secret': bundle.secret } })).json()) as typeof status;
    }
    expect(status.state).toBe('sealed');
    expect(status.bytesRead).toBe(huge.size + 'before\n'.length + 'after\n'.length);
    expect(status.contentLength).toBeGreaterThan(2 ** 32);

    const head = await fetch(url(), { method: 'HEAD', headers: { 'X-Bundle-Secret': bundle.secret } });
    expect(head.headers.get('content-length')).toBe(String(status.contentLength));
    const path = join(out, 'huge.zip');
    const { stdout } = await run('curl', ['-sSf', '-D', '-', '-o', path, ...secret(), url()]);
    expect(stdout).toMatch(new RegExp(`content-length: ${status.contentLength}\\r\\n`, 'i'));
    expect(stdout).toMatch(new RegExp(`etag: ${head.headers.get('etag')}\\r\\n`, 'i'));
    expect(statSync(path).size).toBe(status.contentLength);
    expect(await unzipTest(path)).toMatch(/No errors detected/);
    const check = await pythonZipCheck(path);
    expect(check.bad).toBeNull();
    expect(check.zip64_end).toBe(true);
    expect(check.entries.map((e) => [e.name, e.size, e.zip64_extra])).toEqual([
      ['d/before.txt', 7, false],
      ['huge.bin', huge.size, true],
      ['d/after.txt', 6, true], // its offset is past 4 GiB
      ['MANIFEST.txt', expect.any(Number), true],
      ['MANIFEST.csv', expect.any(Number), true],
    ]);
    expect(check.entries[1].sha256).toBe(huge.sha256());

    // A range past 4 GiB reads only the tail of the huge entry, and matches the full download.
    reads.length = 0;
    const start = 2 ** 32 + 12_345;
    const end = status.contentLength! - 1;
    const ranged = await fetch(url(), { headers: { 'X-Bundle-Secret': bundle.secret, Range: `bytes=${start}-` } });
    expect(ranged.status).toBe(206);
    const body = Buffer.from(await ranged.arrayBuffer());
    expect(body.length).toBe(end - start + 1);
    const expected = Buffer.alloc(body.length);
    const fd = openSync(path, 'r');
    readSync(fd, expected, 0, expected.length, start);
    closeSync(fd);
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(reads).toHaveLength(1);
    expect(reads[0][1]).toBe(huge.size - 1);
    // The entry's data is stored blocks: the range's first byte lies `start - dataAt` framed
    // bytes into it, which is this source offset (its block headers are not the source's).
    const central = check.entries[1];
    const dataAt = hugeDataOffset(path);
    expect(central.compressed).toBe(framedSize(huge.size));
    expect(reads[0][0]).toBe(sourceSpan(huge.size, start - dataAt, central.compressed - 1)!.start);
    rmSync(path);
  }, 600_000);
});

/** Where the data of the zip's second entry (the huge one) starts: after its local header, name and extra fields. */
function hugeDataOffset(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(30);
    readSync(fd, head, 0, 30, 0);
    const firstEntryEnd = 30 + head.readUInt16LE(26) + head.readUInt16LE(28) + framedSize(7) + 16; // d/before.txt: 7 bytes, then its descriptor
    readSync(fd, head, 0, 30, firstEntryEnd);
    expect(head.readUInt32LE(0)).toBe(0x04034b50);
    return firstEntryEnd + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}
