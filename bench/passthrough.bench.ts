// Single-file passthrough (GET /v1/bundles/:id/files/:index): RSS per concurrent request
// and time to first byte of ranged requests, the service in a child process of its own.
// Run: npm run bench:passthrough
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, setGlobalDispatcher } from 'undici';
import { curl, firstByteMs, type CurlResult, freePort, percentile, rssKiB, sampleRss, startChild, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const KEY = 'bench-api-key-0123456789abcdef';
const SIZE = 10 * 2 ** 30; // sparse: the file system stores almost nothing
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);
setGlobalDispatcher(new Agent({ keepAliveTimeout: 1000 }));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-pass-bench-'));
  const fd = openSync(join(dir, 'big.bin'), 'w');
  writeSync(fd, Buffer.from('end'), 0, 3, SIZE - 3);
  closeSync(fd);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), API_KEYS: KEY, LOG_LEVEL: 'warn', LOCAL_STORAGE_ROOT: dir, ARCHIVE_MAX_STREAMS: '10000' };
  const service = await startChild(serviceArgs(fileURLToPath(new URL('../src/main.js', import.meta.url))), env, () => waitForHttp(`${base}/health/live`, 60_000));
  try {
    await new Promise((r) => setTimeout(r, 200));
    const created = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true, files: [{ src: 'file:///big.bin' }] }),
    });
    const { id } = (await created.json()) as { id: string };
    const url = `${base}/v1/bundles/${id}/files/0`;

    const rows: string[][] = [];
    for (const count of [1, 50, 200]) {
      for (const [label, rate] of [['fast', undefined], ['1 MiB/s', '1M']] as const) {
        const limits = ['-m', String(WINDOW_S), ...(rate ? ['--limit-rate', rate] : [])];
        await Promise.all(Array.from({ length: count }, () => curl(url, ['-m', '2', ...(rate ? ['--limit-rate', rate] : [])])));
        await new Promise((r) => setTimeout(r, 1500));
        const before = rssKiB(service.pid!);
        const sampler = sampleRss(service.pid!);
        const results: CurlResult[] = await Promise.all(Array.from({ length: count }, () => curl(url, limits)));
        const peak = sampler.stop();
        const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
        rows.push([String(count), label, ((peak - before) / count).toFixed(0), (bytes / 1e6 / Math.max(...results.map((r) => r.seconds))).toFixed(0)]);
        await new Promise((r) => setTimeout(r, 1500));
      }
    }
    const ttfb = async (headers: Record<string, string>) => {
      for (let i = 0; i < 20; i++) await firstByteMs(url, headers);
      const times: number[] = [];
      for (let i = 0; i < 300; i++) times.push(await firstByteMs(url, headers));
      return [percentile(times, 50).toFixed(2), percentile(times, 99).toFixed(2)];
    };
    const ttfbRows = [['offset 0', ...(await ttfb({}))], ['offset 90 %', ...(await ttfb({ Range: `bytes=${Math.floor(SIZE * 0.9)}-` }))]];

    console.log(`Single-file passthrough, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
    console.log(`Peak RSS growth per concurrent request (a 10 GiB sparse file, ${WINDOW_S} s window)\n`);
    console.log(table(['requests', 'clients', 'KiB per request', 'MB/s in all'], rows));
    console.log('\nTime to first body byte (ms, 300 fresh connections)\n');
    console.log(table(['request', 'p50', 'p99'], ttfbRows));
  } finally {
    service.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
