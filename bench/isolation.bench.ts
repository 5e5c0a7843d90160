// Memory and the event loop as a user sees them, with many downloads at once:
// - RSS growth per download from a cold baseline (one warm-up download, then the
//   clients at once), and RSS a while after they have ended;
// - /health/live latency from one keep-alive client while 100 slow and 10 fast
//   downloads run, against a plain Node `pipe` server under the same load.
// Clients run here, in Node: slow ones read 1 MiB/s (pausing the socket between
// chunks, as curl --limit-rate does), fast ones read as fast as they can.
// Run: npm run bench:isolation   (BENCH_DATABASE_URL=postgres://… adds PostgreSQL;
// BENCH_SETTLE_S sets the wait after the clients end, 60 by default)
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get, type ClientRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, percentile, rssKiB, startBaseline, startChild, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const MiB = 1 << 20;
const FILES = 4;
const FILE_MIB = 10;
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);
const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 60);
const KEY = 'isolation-bench-key-0123456789';
const SLOW_RATE = MiB; // bytes per second

interface Load {
  stop(): void;
  readonly bytes: () => number;
}

/** Clients that download `url` again and again until stopped; `rate` bytes/s each, or unpaced. */
function clients(url: string, headers: Record<string, string>, count: number, rate: number | undefined): Load {
  let bytes = 0;
  let stopped = false;
  const live = new Set<ClientRequest>();
  const start = () => {
    if (stopped) return;
    const req = get(url, { headers, agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (rate === undefined) return;
        res.pause();
        setTimeout(() => res.resume(), (chunk.length / rate) * 1000).unref();
      });
      res.once('end', () => {
        live.delete(req);
        start();
      });
    });
    req.on('error', () => live.delete(req));
    live.add(req);
  };
  for (let i = 0; i < count; i++) start();
  return {
    bytes: () => bytes,
    stop() {
      stopped = true;
      for (const req of live) req.destroy();
    },
  };
}

/** GETs `url` over one keep-alive connection every 10 ms; resolves the latencies (ms) once stopped. */
function probe(url: string): { stop(): Promise<number[]> } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        get(url, { agent }, (res) => {
          res.resume();
          res.once('end', () => resolve());
        }).once('error', () => resolve());
      });
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      agent.destroy();
      return latencies;
    },
  };
}

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

/** Peak RSS of `pid` while `run` lasts, in KiB. */
async function peakDuring(pid: number, seconds: number): Promise<number> {
  let peak = rssKiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 50);
  await sleep(seconds);
  clearInterval(timer);
  return Math.max(peak, rssKiB(pid));
}

interface Service {
  readonly base: string;
  readonly child: ChildProcess;
  readonly download: string;
  readonly headers: Record<string, string>;
}

/** Each service's data directory, removed when the benchmark ends. */
const dataDirs: string[] = [];

async function startService(root: string, databaseUrl: string | undefined): Promise<Service> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bundlestream-isolation-data-'));
  dataDirs.push(dataDir);
  const env = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOCAL_STORAGE_ROOT: root,
    API_KEYS: KEY,
    LOG_LEVEL: 'warn',
    ARCHIVE_MAX_STREAMS: '5000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
  const base = `http://127.0.0.1:${port}`;
  const child = await startChild(serviceArgs(main), env, () => waitForHttp(`${base}/health/live`, 120_000));
  const res = await fetch(`${base}/v1/bundles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files: Array.from({ length: FILES }, (_, i) => ({ src: `file:///f${i}.bin` })), coverSheet: false }),
  });
  const { id, secret } = (await res.json()) as { id: string; secret: string };
  return { base, child, download: `${base}/v1/bundles/${id}/download`, headers: { 'X-Bundle-Secret': secret } };
}

/** One warm-up download, then a pause: the cold baseline every growth is measured from. */
async function coldBaseline(service: { download: string; headers: Record<string, string>; child: ChildProcess }): Promise<number> {
  await (await fetch(service.download, { headers: service.headers })).arrayBuffer();
  await sleep(2);
  return rssKiB(service.child.pid!);
}

interface Row {
  readonly label: string;
  readonly baselineMiB: number;
  readonly perDownloadKiB: number;
  readonly afterPct: number;
  readonly mbps: number;
}

async function memoryRun(label: string, service: Service, slow: number, fast: number): Promise<Row> {
  const baseline = await coldBaseline(service);
  const loads = [clients(service.download, service.headers, slow, SLOW_RATE), clients(service.download, service.headers, fast, undefined)];
  const peak = await peakDuring(service.child.pid!, WINDOW_S);
  const moved = loads.reduce((n, l) => n + l.bytes(), 0);
  for (const load of loads) load.stop();
  await sleep(SETTLE_S);
  const after = rssKiB(service.child.pid!);
  return {
    label,
    baselineMiB: baseline / 1024,
    perDownloadKiB: (peak - baseline) / (slow + fast),
    afterPct: ((after - baseline) / baseline) * 100,
    mbps: moved / 1e6 / WINDOW_S,
  };
}

async function latencyRun(download: string, headers: Record<string, string>, health: string): Promise<{ p50: number; p99: number; max: number }> {
  const loads = [clients(download, headers, 100, SLOW_RATE), clients(download, headers, 10, undefined)];
  await sleep(1);
  const probing = probe(health);
  await sleep(WINDOW_S);
  const latencies = await probing.stop();
  for (const load of loads) load.stop();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) };
}

/** /health/live while one client posts the largest accepted request (MAX_FILES_PER_REQUEST files) again and again. */
async function largestRequestRun(base: string): Promise<{ p50: number; p99: number; max: number; requests: number }> {
  const body = JSON.stringify({ files: Array.from({ length: 10_000 }, (_, i) => ({ src: `s3://bench-bucket/some/longer/prefix/object-${i}.bin`, dst: `folder/${i}.bin` })) });
  let stopped = false;
  let requests = 0;
  const posting = (async () => {
    while (!stopped) {
      const res = await fetch(`${base}/v1/bundles`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`creating a 10,000-file bundle: ${res.status}`);
      requests += 1;
    }
  })();
  const probing = probe(`${base}/health/live`);
  await sleep(WINDOW_S);
  stopped = true;
  const latencies = await probing.stop();
  await posting;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), requests };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bundlestream-isolation-'));
  mkdirSync(root, { recursive: true });
  const chunk = Buffer.alloc(MiB);
  for (let i = 0; i < FILES; i++) {
    for (let j = 0; j < chunk.length; j += 4) chunk.writeUInt32LE(((i * MiB + j) * 2654435761) >>> 0, j);
    writeFileSync(join(root, `f${i}.bin`), Buffer.concat(Array.from({ length: FILE_MIB }, () => chunk)));
  }
  const databases: [string, string | undefined][] = [['embedded', undefined]];
  if (process.env.BENCH_DATABASE_URL) databases.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);

  const memory: Row[] = [];
  const latency: (string | number)[][] = [];
  try {
    for (const [name, url] of databases) {
      for (const [slow, fast] of [[100, 0], [1000, 0], [0, 10]] as const) {
        const service = await startService(root, url);
        try {
          memory.push(await memoryRun(`${name}: ${slow ? `${slow} slow (1 MiB/s)` : `${fast} fast`}`, service, slow, fast));
        } finally {
          service.child.kill('SIGTERM');
        }
      }
      const service = await startService(root, url);
      try {
        await coldBaseline(service);
        const l = await latencyRun(service.download, service.headers, `${service.base}/health/live`);
        latency.push([`bundlestream (${name}), 100 slow + 10 fast downloads`, l.p50.toFixed(1), l.p99.toFixed(1), l.max.toFixed(1)]);
        const big = await largestRequestRun(service.base);
        latency.push([`bundlestream (${name}), 10,000-file creations back to back (${big.requests} in ${WINDOW_S} s)`, big.p50.toFixed(1), big.p99.toFixed(1), big.max.toFixed(1)]);
      } finally {
        service.child.kill('SIGTERM');
      }
    }
    const baselineServer = await startBaseline(fileURLToPath(new URL('./baseline-server.js', import.meta.url)));
    try {
      const path = join(root, 'f0.bin');
      const l = await latencyRun(`${baselineServer.base}/raw?path=${encodeURIComponent(path)}&chunk=65536`, {}, `${baselineServer.base}/health`);
      latency.push(['plain Node pipe server (baseline), 100 slow + 10 fast downloads', l.p50.toFixed(1), l.p99.toFixed(1), l.max.toFixed(1)]);
    } finally {
      baselineServer.child.kill('SIGTERM');
    }
  } finally {
    for (const dir of [root, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
  }

  console.log(`Isolation, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`A ${FILES * FILE_MIB} MiB bundle of ${FILES} local files; ${WINDOW_S} s of load; RSS of the service process from a cold baseline (one warm-up download)\n`);
  console.log(
    table(
      ['clients', 'baseline RSS (MiB)', 'peak growth per download (KiB)', `RSS ${SETTLE_S} s after they end, vs baseline`, 'MB/s moved'],
      memory.map((r) => [r.label, r.baselineMiB.toFixed(0), r.perDownloadKiB.toFixed(0), `${r.afterPct >= 0 ? '+' : ''}${r.afterPct.toFixed(1)} %`, r.mbps.toFixed(0)]),
    ),
  );
  console.log(`\n/health/live from one keep-alive client every 10 ms, under load (${WINDOW_S} s)\n`);
  console.log(table(['server, load', 'p50 (ms)', 'p99 (ms)', 'max (ms)'], latency));
}

await main();
