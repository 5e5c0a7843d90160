import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';

describe('a 10 GiB file through single-file passthrough', () => {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-10g-'));
  const SIZE = 10 * 2 ** 30;
  const TAIL = Buffer.from('the very end\n');
  const key = 'passthrough-key-0123456789';
  let service: ServiceProcess;
  let url: string;

  beforeAll(async () => {
    // Sparse: 10 GiB of zeros that take no disk, then a tail to recognise.
    const fd = openSync(join(root, 'huge.bin'), 'w');
    writeSync(fd, TAIL, 0, TAIL.length, SIZE - TAIL.length);
    closeSync(fd);
    service = await startServiceProcess({ API_KEYS: key, LOCAL_STORAGE_ROOT: root });
    const res = await fetch(`${service.url}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true, files: [{ src: 'file:///huge.bin' }] }),
    });
    url = `${service.url}/v1/bundles/${((await res.json()) as { id: string }).id}/files/0`;
  });
  afterAll(() => {
    service.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('streams all of it with the server\'s RSS flat', async () => {
    // The baseline is taken once the first 512 MiB went through (the server's heap has found
    // its size for a stream this fast); then 9.5 GiB more must not make it grow.
    let baseline: number | undefined;
    let peak = 0;
    const sampler = setInterval(() => baseline !== undefined && (peak = Math.max(peak, service.rssKiB())), 100);
    let received = 0;
    let last: Buffer = Buffer.alloc(0);
    const status = await new Promise<number>((resolve, reject) => {
      request(url, (res) => {
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          last = chunk;
          if (baseline === undefined && received >= 512 << 20) peak = baseline = service.rssKiB();
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    }).finally(() => clearInterval(sampler));
    expect(status).toBe(200);
    expect(received).toBe(SIZE);
    expect(last.subarray(-TAIL.length).equals(TAIL)).toBe(true);
    // Ten gigabytes went through; the server grew by less than a few of its read buffers' worth of MiB.
    expect(peak - baseline!).toBeLessThan(48 * 1024);
  }, 300_000);

  it('serves ranges anywhere in it, down to the last bytes', async () => {
    const tail = await fetch(url, { headers: { Range: `bytes=-${TAIL.length}` } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${SIZE - TAIL.length}-${SIZE - 1}/${SIZE}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(TAIL)).toBe(true);
    const middle = await fetch(url, { headers: { Range: `bytes=${5 * 2 ** 30}-${5 * 2 ** 30 + 999}` } });
    expect(middle.status).toBe(206);
    expect((await middle.arrayBuffer()).byteLength).toBe(1000);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(SIZE));
  });
});
