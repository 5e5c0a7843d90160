// The archive service against its baselines, measured in the same run, printed as
// markdown. Each server runs in a child process of its own: the service (embedded
// default), a plain Node server for raw streaming and archiver, and s3rver.
// Run: npm run bench:archive   (BENCH_QUICK=1 for a smaller, rougher pass)
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Agent, setGlobalDispatcher } from 'undici';
import { curl, firstByteMs, type CurlResult, freePort, median, percentile, rssKiB, sampleRss, startBaseline, startChild, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const QUICK = process.env.BENCH_QUICK === '1';
const MIB = 1 << 20;
const BIG_FILES = 20;
const BIG_MIB = QUICK ? 10 : 50;
const SMALL_FILES = 10_000;
const MEMORY_CONCURRENCY = QUICK ? [1, 50] : [1, 50, 200];
const MEMORY_WINDOW_S = QUICK ? 5 : 12;
const RUNS = QUICK ? 1 : 3;
const KEY = 'bench-api-key-0123456789abcdef';
const dist = (name: string) => fileURLToPath(new URL(name, import.meta.url));
// Shorter than the servers' 5 s keep-alive, so that fetch never reuses a socket they just closed.
setGlobalDispatcher(new Agent({ keepAliveTimeout: 1000 }));

interface Servers {
  service: { base: string; child: ChildProcess };
  baseline: { base: string; child: ChildProcess };
  s3: { endpoint: string; child: ChildProcess };
}

function patterned(bytes: number, seed: number): Buffer {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) buf.writeUInt32LE(((i + seed) * 2654435761) >>> 0, i);
  return buf;
}

/** Text that compresses like a real CSV export: repetitive columns, varying numbers. */
function csvLike(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${i},customer-${i % 977},2026-11-${String((i % 28) + 1).padStart(2, '0')},${((i * 7919) % 100000) / 100},EUR,paid\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, bytes);
}

async function prepare(dir: string, s3: S3Client) {
  mkdirSync(join(dir, 'big'));
  mkdirSync(join(dir, 'small'));
  const big = Array.from({ length: BIG_FILES }, (_, i) => `big/f${String(i).padStart(2, '0')}.bin`);
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  for (const [i, name] of big.entries()) {
    const data = patterned(BIG_MIB * MIB, i);
    writeFileSync(join(dir, name), data);
    await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: name, Body: data }));
  }
  // One file as large as the whole 20-file bundle, for the raw single-file baseline.
  writeFileSync(join(dir, 'one.bin'), Buffer.concat(big.map((_, i) => patterned(BIG_MIB * MIB, i))));
  const small = Array.from({ length: SMALL_FILES }, (_, i) => `small/s${String(i).padStart(5, '0')}.bin`);
  small.forEach((name, i) => writeFileSync(join(dir, name), patterned(8 * 1024, i)));
  writeFileSync(join(dir, 'export.csv'), csvLike((QUICK ? 32 : 200) * MIB));
  const list = (names: string[]) => {
    const path = join(dir, `list-${names.length}-${names[0].replace(/\W/g, '')}.json`);
    writeFileSync(path, JSON.stringify(names.map((n) => ({ path: join(dir, n), name: n }))));
    return path;
  };
  return { big, small, lists: { big: list(big), small: list(small), csv: list(['export.csv']), memory: list(big.slice(0, 4)) } };
}

async function startServers(dir: string, s3dir: string): Promise<Servers> {
  const s3Port = await freePort();
  const s3Child = await startChild([dist('../../node_modules/s3rver/bin/s3rver.js'), '-d', s3dir, '-a', '127.0.0.1', '-p', String(s3Port), '--silent'], process.env, async () => {
    await waitForHttp(`http://127.0.0.1:${s3Port}/`).catch(() => undefined);
  });
  const endpoint = `http://127.0.0.1:${s3Port}`;
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'service-data'),
    API_KEYS: KEY,
    LOG_LEVEL: 'warn',
    LOCAL_STORAGE_ROOT: dir,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    STORAGE_CONCURRENCY: '512',
    ARCHIVE_MAX_STREAMS: '10000',
    ARCHIVE_MAX_STREAMS_PER_KEY: '10000',
  };
  const service = await startChild(serviceArgs(dist('../src/main.js')), env, () => waitForHttp(`http://127.0.0.1:${port}/health/live`, 60_000));
  const baseline = await startBaseline(dist('./baseline-server.js'));
  return { service: { base: `http://127.0.0.1:${port}`, child: service }, baseline, s3: { endpoint, child: s3Child } };
}

/** fetch, naming the URL when it fails. */
async function call(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new Error(`${init?.method ?? 'GET'} ${url} failed: ${String((err as Error).cause ?? err)}`, { cause: err });
  }
}

async function createBundle(base: string, files: { src: string }[], extra: object = {}): Promise<string> {
  const res = await call(`${base}/v1/bundles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files, coverSheet: true, ...extra }),
  });
  if (res.status !== 201) throw new Error(`creating a bundle: ${res.status} ${await res.text()}`);
  const { id, secret } = (await res.json()) as { id: string; secret: string };
  // Public: curl then needs no header, exactly like a shared link.
  await call(`${base}/v1/bundles/${id}`, { method: 'PATCH', headers: { 'X-Bundle-Secret': secret, 'Content-Type': 'application/json' }, body: JSON.stringify({ public: true }) });
  // A request that differs from the bundle's own zip (no cover sheet here) never uses a
  // learnt layout: these rows measure the streaming writer; bench:layout measures layouts.
  return `${base}/v1/bundles/${id}/download?coverSheet=false`;
}

/** Median MB/s over RUNS downloads, after one warm-up; `inputBytes` counts source bytes instead of bytes sent. */
async function throughput(url: string, expectBytes?: number, inputBytes?: number): Promise<number> {
  await curl(url);
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await curl(url);
    if (expectBytes !== undefined && r.bytes < expectBytes) throw new Error(`${url}: ${r.bytes} bytes, expected at least ${expectBytes}`);
    rates.push((inputBytes ?? r.bytes) / 1e6 / r.seconds);
  }
  return median(rates);
}

/** Peak RSS growth of `pid` per download while `count` clients download `url`. */
async function memoryPerDownload(pid: number, url: string, count: number, rate?: string): Promise<{ kib: number; mbps: number }> {
  // Warm up with the same concurrency: pools, JIT and the embedded database's memory reach
  // their working size first, so that the figure is what a download costs, not first use.
  await Promise.all(Array.from({ length: count }, () => curl(url, ['-m', '2', ...(rate ? ['--limit-rate', rate] : [])])));
  await new Promise((r) => setTimeout(r, 1500));
  const before = rssKiB(pid);
  const sampler = sampleRss(pid);
  const limits = ['-m', String(MEMORY_WINDOW_S), ...(rate ? ['--limit-rate', rate] : [])];
  const results: CurlResult[] = await Promise.all(Array.from({ length: count }, () => curl(url, limits)));
  const peak = sampler.stop();
  await new Promise((r) => setTimeout(r, 1500));
  const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
  const seconds = Math.max(...results.map((r) => r.seconds));
  return { kib: (peak - before) / count, mbps: bytes / 1e6 / seconds };
}

async function ttfb(url: string, samples: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await firstByteMs(url);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await firstByteMs(url));
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** /health latency and event-loop delay p99 while `count` downloads of `url` run. */
async function underLoad(url: string, healthUrl: string, eld: () => Promise<number>, count: number): Promise<{ p50: number; p99: number; eldP99: number }> {
  await eld(); // resets the window
  const downloads = Promise.all(Array.from({ length: count }, () => curl(url, ['-m', String(MEMORY_WINDOW_S)])));
  await new Promise((r) => setTimeout(r, 1000));
  const latencies: number[] = [];
  const until = Date.now() + (MEMORY_WINDOW_S - 3) * 1000;
  while (Date.now() < until) {
    latencies.push(await firstByteMs(healthUrl));
    await new Promise((r) => setTimeout(r, 20));
  }
  const eldP99 = await eld();
  await downloads;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), eldP99 };
}

// Both servers sample with a 10 ms timer, and the histogram holds whole intervals
// (an idle loop reads 10.2 ms): the delay is what lies beyond it.
const ELD_RESOLUTION_MS = 10;

async function serviceEld(base: string): Promise<number> {
  const text = await (await call(`${base}/metrics`)).text();
  return Number(/^nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text)?.[1] ?? NaN) * 1000 - ELD_RESOLUTION_MS;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-archive-bench-'));
  const servers = await startServers(dir, join(dir, 's3'));
  const s3 = new S3Client({ region: 'us-east-1', endpoint: servers.s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  try {
    const { big, small, lists } = await prepare(dir, s3);
    // prepare() kept the event loop busy: let sockets the servers closed meanwhile be seen closed.
    await new Promise((r) => setTimeout(r, 200));
    const svc = servers.service.base;
    const raw = (chunk: number) => `${servers.baseline.base}/raw?path=${encodeURIComponent(join(dir, 'one.bin'))}&chunk=${chunk}`;
    const archiver = (list: string) => `${servers.baseline.base}/archiver?list=${encodeURIComponent(list)}`;
    const bundle = {
      localBig: await createBundle(svc, big.map((n) => ({ src: `file:///${n}` }))),
      s3Big: await createBundle(svc, big.map((n) => ({ src: `s3://bench/${n}` }))),
      small: await createBundle(svc, small.map((n) => ({ src: `file:///${n}` }))),
      memory: await createBundle(svc, big.slice(0, 4).map((n) => ({ src: `file:///${n}` }))),
      one: await createBundle(svc, [{ src: `file:///${big[0]}` }]),
      csv: await createBundle(svc, [{ src: 'file:///export.csv' }], { compression: 'deflate' }),
    };
    const totalBig = BIG_FILES * BIG_MIB * MIB;

    // Throughput
    const raw64k = await throughput(raw(64 * 1024), totalBig);
    const raw1m = await throughput(raw(MIB), totalBig);
    const rawBest = Math.max(raw64k, raw1m);
    const archiverBig = await throughput(archiver(lists.big), totalBig);
    const oursBig = await throughput(bundle.localBig, totalBig);
    const oursS3 = await throughput(bundle.s3Big, totalBig);
    const s3Straight = await throughput(`${servers.s3.endpoint}/bench/${big[0]}`, BIG_MIB * MIB);
    const archiverSmall = await throughput(archiver(lists.small), SMALL_FILES * 8192);
    const oursSmall = await throughput(bundle.small, SMALL_FILES * 8192);
    const csvBytes = (QUICK ? 32 : 200) * MIB;
    const archiverCsv = await throughput(`${archiver(lists.csv)}&level=6`, undefined, csvBytes);
    const oursCsv = await throughput(bundle.csv, undefined, csvBytes);
    const f = (n: number) => n.toFixed(0);
    const r = (n: number) => n.toFixed(2);
    const throughputRows = [
      [`raw single file, 64 KiB chunks (${BIG_FILES * BIG_MIB} MiB)`, f(raw64k), r(raw64k / rawBest), r(raw64k / archiverBig)],
      [`raw single file, 1 MiB chunks (${BIG_FILES * BIG_MIB} MiB)`, f(raw1m), r(raw1m / rawBest), r(raw1m / archiverBig)],
      [`archiver, store, ${BIG_FILES} × ${BIG_MIB} MiB local`, f(archiverBig), r(archiverBig / rawBest), '1.00'],
      [`**bundlestream, store, ${BIG_FILES} × ${BIG_MIB} MiB local**`, f(oursBig), r(oursBig / rawBest), r(oursBig / archiverBig)],
      [`s3rver, one ${BIG_MIB} MiB object straight (S3 ceiling)`, f(s3Straight), r(s3Straight / rawBest), r(s3Straight / archiverBig)],
      [`**bundlestream, store, ${BIG_FILES} × ${BIG_MIB} MiB from s3rver**`, f(oursS3), r(oursS3 / rawBest), r(oursS3 / archiverBig)],
      [`archiver, store, ${SMALL_FILES} × 8 KiB local`, f(archiverSmall), '', '1.00'],
      [`**bundlestream, store, ${SMALL_FILES} × 8 KiB local**`, f(oursSmall), '', r(oursSmall / archiverSmall)],
      [`archiver, deflate level 6, ${QUICK ? 32 : 200} MiB CSV`, f(archiverCsv), '', '1.00'],
      [`**bundlestream, deflate level 6, ${QUICK ? 32 : 200} MiB CSV**`, f(oursCsv), '', r(oursCsv / archiverCsv)],
    ];

    // Memory per concurrent download
    const memoryRows: string[][] = [];
    for (const count of MEMORY_CONCURRENCY) {
      for (const [label, rate] of [['fast', undefined], ['1 MiB/s', '1M']] as const) {
        const m = await memoryPerDownload(servers.service.child.pid!, bundle.memory, count, rate);
        memoryRows.push(['bundlestream', String(count), label, f(m.kib), f(m.mbps)]);
      }
    }
    for (const [label, rate] of [['fast', undefined], ['1 MiB/s', '1M']] as const) {
      const m = await memoryPerDownload(servers.baseline.child.pid!, archiver(lists.memory), 50, rate);
      memoryRows.push(['archiver', '50', label, f(m.kib), f(m.mbps)]);
    }

    // Time to first byte
    const samples = QUICK ? 100 : 300;
    const one = await ttfb(bundle.one, samples);
    const many = await ttfb(bundle.small, samples);
    const ttfbRows = [
      ['1 entry', one.p50.toFixed(2), one.p99.toFixed(2)],
      [`${SMALL_FILES} entries`, many.p50.toFixed(2), many.p99.toFixed(2)],
    ];

    // Event loop while 50 downloads run
    const ours = await underLoad(bundle.localBig, `${svc}/health/live`, () => serviceEld(svc), 50);
    const theirs = await underLoad(archiver(lists.big), `${servers.baseline.base}/health`, async () => ((await (await call(`${servers.baseline.base}/eld`)).json()) as { p99: number }).p99 - ELD_RESOLUTION_MS, 50);
    const loopRows = [
      ['bundlestream (`/health/live`)', ours.p50.toFixed(1), ours.p99.toFixed(1), ours.eldP99.toFixed(1)],
      ['archiver (plain `/health`)', theirs.p50.toFixed(1), theirs.p99.toFixed(1), theirs.eldP99.toFixed(1)],
    ];

    console.log(`Archive streaming, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}${QUICK ? ' (BENCH_QUICK)' : ''}\n`);
    console.log(`Throughput (curl to /dev/null over loopback, median of ${RUNS})\n`);
    console.log('(deflate rows: MB/s of source bytes read, not of bytes sent)\n');
    console.log(table(['stream', 'MB/s', 'ratio to raw best', 'ratio to archiver'], throughputRows));
    console.log(`\nPeak RSS growth per concurrent download (a ${4 * BIG_MIB} MiB bundle, ${MEMORY_WINDOW_S} s window)\n`);
    console.log(table(['server', 'downloads', 'clients', 'KiB per download', 'MB/s in all'], memoryRows));
    console.log(`\nTime to first body byte (ms, ${samples} fresh connections)\n`);
    console.log(table(['bundle', 'p50', 'p99'], ttfbRows));
    console.log('\nEvent loop while 50 fast downloads run (ms; health over a fresh connection each time, from a client sharing the 2 cores with 50 curls)\n');
    console.log(table(['server', 'health p50', 'health p99', 'event-loop delay p99 (beyond the 10 ms sampling timer)'], loopRows));
  } finally {
    s3.destroy();
    for (const child of [servers.service.child, servers.baseline.child, servers.s3.child]) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
