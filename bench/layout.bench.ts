// Downloads of a sealed bundle (known layout): throughput against raw single-file
// streaming of the same bytes in the same run, and time to first byte of a range at
// 90 % of a 2 GiB bundle against offset 0. The service runs in a child of its own.
// Run: npm run bench:layout
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, setGlobalDispatcher } from 'undici';
import { curl, firstByteMs, freePort, median, percentile, startBaseline, startChild, waitForHttp } from './processes.js';
import { table } from './support.js';

const KEY = 'bench-api-key-0123456789abcdef';
const MIB = 1 << 20;
const FILES = 16;
const FILE_MIB = 128; // 16 × 128 MiB = 2 GiB
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dist = (name: string) => fileURLToPath(new URL(name, import.meta.url));
setGlobalDispatcher(new Agent({ keepAliveTimeout: 1000 }));

function patterned(bytes: number, seed: number): Buffer {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) buf.writeUInt32LE(((i + seed) * 2654435761) >>> 0, i);
  return buf;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-layout-bench-'));
  mkdirSync(join(dir, 'parts'));
  const parts = Array.from({ length: FILES }, (_, i) => patterned(FILE_MIB * MIB, i));
  parts.forEach((data, i) => writeFileSync(join(dir, 'parts', `p${String(i).padStart(2, '0')}.bin`), data));
  // The same bytes as one file, for the raw baseline (appended: one 2 GiB write is too large).
  for (const data of parts) appendFileSync(join(dir, 'one.bin'), data);
  parts.length = 0;

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), API_KEYS: KEY, LOG_LEVEL: 'warn', LOCAL_STORAGE_ROOT: dir };
  const service = await startChild([dist('../src/main.js')], env, () => waitForHttp(`${base}/health/live`, 60_000));
  const baseline = await startBaseline(dist('./baseline-server.js'));
  try {
    const created = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true, files: Array.from({ length: FILES }, (_, i) => ({ src: `file:///parts/p${String(i).padStart(2, '0')}.bin` })) }),
    });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const sealStarted = performance.now();
    await fetch(`${base}/v1/bundles/${id}/seal`, { method: 'POST', headers: { 'X-Bundle-Secret': secret } });
    let status: { state: string; contentLength?: number } = { state: 'sealing' };
    while (status.state === 'sealing') {
      await new Promise((r) => setTimeout(r, 100));
      status = (await (await fetch(`${base}/v1/bundles/${id}/seal`, { headers: { 'X-Bundle-Secret': secret } })).json()) as typeof status;
    }
    if (status.state !== 'sealed') throw new Error(`sealing ended ${status.state}`);
    const sealSeconds = (performance.now() - sealStarted) / 1000;
    const size = status.contentLength!;
    const url = `${base}/v1/bundles/${id}/download`;
    // The same bytes as one file through the service's passthrough: the same stack, no zip.
    const single = await fetch(`${base}/v1/bundles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true, files: [{ src: 'file:///one.bin' }] }),
    });
    const passthroughUrl = `${base}/v1/bundles/${((await single.json()) as { id: string }).id}/files/0`;

    // Alternating, so that both see the same machine state; the best of each counts.
    const raw: number[] = [];
    const passthrough: number[] = [];
    const ours: number[] = [];
    const ranged: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await curl(`${baseline.base}/raw?path=${encodeURIComponent(join(dir, 'one.bin'))}&chunk=${MIB}`);
      raw.push(r.bytes / 1e6 / r.seconds);
      const p = await curl(passthroughUrl);
      passthrough.push(p.bytes / 1e6 / p.seconds);
      const o = await curl(url);
      if (o.bytes !== size) throw new Error(`the download gave ${o.bytes} of ${size} bytes`);
      ours.push(o.bytes / 1e6 / o.seconds);
      const h = await curl(url, ['-H', `Range: bytes=${Math.floor(size / 2)}-`]);
      ranged.push(h.bytes / 1e6 / h.seconds);
    }
    const rawBest = Math.max(...raw);
    const f = (v: number) => v.toFixed(0);
    const r = (v: number) => v.toFixed(2);

    const ttfb = async (headers: Record<string, string>) => {
      for (let i = 0; i < 20; i++) await firstByteMs(url, headers);
      const times: number[] = [];
      for (let i = 0; i < 300; i++) times.push(await firstByteMs(url, headers));
      return times;
    };
    const at0 = await ttfb({});
    const at90 = await ttfb({ Range: `bytes=${Math.floor(size * 0.9)}-` });
    const atCd = await ttfb({ Range: `bytes=${size - 200}-` });
    const ms = (v: number) => v.toFixed(2);

    console.log(`Known-layout downloads, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
    console.log(`A sealed bundle of ${FILES} × ${FILE_MIB} MiB local files (zip: ${size} bytes); sealing took ${sealSeconds.toFixed(1)} s.\n`);
    console.log(`Throughput (MB/s, best of ${RUNS}; median in brackets), curl to /dev/null\n`);
    console.log(
      table(
        ['stream', 'MB/s', 'ratio to raw'],
        [
          [`raw single file, 1 MiB chunks (${FILES * FILE_MIB} MiB)`, `${f(rawBest)} (${f(median(raw))})`, '1.00'],
          ['bundlestream, the same bytes as one file (passthrough)', `${f(Math.max(...passthrough))} (${f(median(passthrough))})`, r(Math.max(...passthrough) / rawBest)],
          ['**bundlestream, known layout, whole zip**', `${f(Math.max(...ours))} (${f(median(ours))})`, r(Math.max(...ours) / rawBest)],
          ['bundlestream, known layout, range from 50 %', `${f(Math.max(...ranged))} (${f(median(ranged))})`, r(Math.max(...ranged) / rawBest)],
        ],
      ),
    );
    console.log('\nTime to first body byte (ms, 300 fresh connections each)\n');
    console.log(
      table(
        ['request', 'p50', 'p99'],
        [
          ['offset 0 (200)', ms(percentile(at0, 50)), ms(percentile(at0, 99))],
          ['range from 90 % (206)', ms(percentile(at90, 50)), ms(percentile(at90, 99))],
          ['range in the central directory (206)', ms(percentile(atCd, 50)), ms(percentile(atCd, 99))],
        ],
      ),
    );
  } finally {
    service.kill('SIGTERM');
    baseline.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
