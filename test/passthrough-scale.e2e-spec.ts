import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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
    // The client is curl, piped into `tail`: a process of its own, so that the figure is the
    // server's and not the test worker's. The baseline is taken once the first 2 GiB went
    // through: at curl's pace the server's heap keeps finding its size for the first 2–3 GiB
    // (about 25 MiB in all, then flat); then 8 GiB more must not make it grow.
    let baseline: number | undefined;
    let peak = 0;
    const client = spawn('bash', ['-c', `set -o pipefail; curl -sS -w '%{stderr}%{http_code} %{size_download}' "$0" | tail -c ${TAIL.length} > "$1"`, url, join(root, 'tail.bin')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let report = '';
    client.stderr.on('data', (d: Buffer) => (report += d.toString()));
    const sampler = setInterval(() => {
      if (baseline !== undefined) peak = Math.max(peak, service.rssKiB());
      else if (service.bytesSent() >= 2 * 2 ** 30) peak = baseline = service.rssKiB();
    }, 100);
    const code = await new Promise<number | null>((resolve) => client.once('close', resolve)).finally(() => clearInterval(sampler));
    expect([code, report]).toEqual([0, `200 ${SIZE}`]);
    expect(readFileSync(join(root, 'tail.bin')).equals(TAIL)).toBe(true);
    // Ten gigabytes went through; the server grew by less than a few of its read buffers' worth of MiB.
    expect(baseline).toBeDefined();
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
