import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleUntil } from './support/sampling.js';
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
  afterAll(async () => {
    await service.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('streams all of it with the server\'s memory flat', async () => {
    // The client is curl, piped into `tail`: a process of its own, so that the figures are the
    // server's and not the test worker's. Samples start once the first 2 GiB went through.
    // What a leak would grow is measured where it would show: read buffers in V8's external
    // memory, JavaScript objects in the heap V8 has committed, and RSS.
    const client = spawn('bash', ['-c', `set -o pipefail; curl -sS -w '%{stderr}%{http_code} %{size_download}' "$0" | tail -c ${TAIL.length} > "$1"`, url, join(root, 'tail.bin')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let report = '';
    client.stderr.on('data', (d: Buffer) => (report += d.toString()));
    const done = new Promise<number | null>((resolve) => client.once('close', resolve));
    const samples = await sampleUntil(done, () => service.bytesSent() >= 2 * 2 ** 30, () => memory(service));
    expect([await done, report]).toEqual([0, `200 ${SIZE}`]);
    expect(readFileSync(join(root, 'tail.bin')).equals(TAIL)).toBe(true);
    // Garbage floats until a collection (up to ~20 MiB of external memory seen in CI), in both
    // halves alike, though not always evenly: one CI run saw 13 MiB more in the second half. A
    // leak grows from the first half of the last 8 GiB to the second: a buffer kept per hundred
    // 1 MiB reads adds 35–40 MiB.
    expect(samples.length).toBeGreaterThan(10);
    const half = Math.floor(samples.length / 2);
    const peak = (part: Memory[], key: keyof Memory) => Math.max(...part.map((m) => m[key]));
    const growth = (key: keyof Memory) => peak(samples.slice(half), key) - peak(samples.slice(0, half), key);
    expect(growth('external')).toBeLessThan(24 * MiB);
    expect(growth('heapCommitted')).toBeLessThan(8 * MiB);
    expect(growth('rss')).toBeLessThan(12 * MiB);
    expect(peak(samples, 'rss') - samples[0].rss).toBeLessThan(64 * MiB);
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

const MiB = 2 ** 20;

interface Memory {
  rss: number;
  external: number;
  heapCommitted: number;
}

/** The service's own account of its memory (Prometheus default metrics), with RSS from /proc. */
async function memory(service: ServiceProcess): Promise<Memory> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: service.rssKiB() * 1024, external: value('nodejs_external_memory_bytes'), heapCommitted: value('nodejs_heap_size_total_bytes') };
}
