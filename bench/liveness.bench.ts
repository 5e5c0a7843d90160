// /health/live from a keep-alive client while 50 imports of 20,000 rows each run, as a user
// sees it: the built service in a process of its own (embedded database, or DATABASE_URL),
// the uploads and the status polls (every 200 ms) from this process, the probe from another.
// Baseline in the same run: a plain Node HTTP server probed the same way, so that what the
// machine's cores allow while the imports run is set apart from what the service adds.
// One warm-up import of 500 rows first. Run: npm run bench:liveness (IMPORTS=…, ROWS=…)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, median, percentile, startBaseline, startChild, stopChild, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const IMPORTS = Number(process.env.IMPORTS ?? 50);
const ROWS = Number(process.env.ROWS ?? 20_000);
const KEY = 'liveness-bench-key-0123456789';
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bundlestream-liveness-bench-'));

const csvOf = (rows: number, tag: string) => {
  let text = 'src,dst\n';
  for (let i = 0; i < rows; i++) text += `s3://bench-bucket/${tag}/${i}.bin,${tag}/dir-${i % 100}/file-${i}.bin\n`;
  return text;
};

async function importAndWait(base: string, body: string): Promise<string> {
  const res = await fetch(`${base}/v1/bundles/import`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'text/csv' }, body });
  if (!res.ok) throw new Error(`the import was refused: ${res.status} ${await res.text()}`);
  const started = (await res.json()) as { id: string; secret: string; state: string };
  for (let state = started.state; ; ) {
    if (state === 'succeeded' || state === 'failed') return state;
    await new Promise((r) => setTimeout(r, 200)); // as a client polls
    const poll = await fetch(`${base}/v1/imports/${started.id}`, { headers: { 'X-Bundle-Secret': started.secret } });
    if (!poll.ok) throw new Error(`polling the import failed: ${poll.status} ${await poll.text()}`);
    state = ((await poll.json()) as { state: string }).state;
  }
}

function probe(url: string): { stop(): Promise<[number, number][]> } {
  const child = spawn(process.execPath, [here('./liveness-probe.js'), url], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return {
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
      return JSON.parse(out) as [number, number][];
    },
  };
}

const TARGET_MS = 10;

const row = (what: string, taken: [number, number][], after: number) => {
  const all = taken.map(([ms]) => ms);
  const later = taken.filter(([, at]) => at >= after).map(([ms]) => ms);
  const over = (ms: number[]) => ms.filter((x) => x > TARGET_MS).length;
  const slow = over(all);
  return [what, all.length, median(all).toFixed(2), percentile(all, 99).toFixed(2), Math.max(...all).toFixed(1), `${slow} (${slow - over(later)} in the first ${after / 1000} s)`, later.length ? percentile(later, 99).toFixed(2) : '-'];
};

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(work, 'data'), API_KEYS: KEY, LOG_LEVEL: 'warn', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) };
const service = await startChild(serviceArgs(here('../src/main.js')), env, () => waitForHttp(`${base}/health/live`, 60_000));
const { base: plainBase, child: plain } = await startBaseline(here('./plain-server.js'));
try {
  await importAndWait(base, csvOf(500, 'warm'));
  const bodies = Array.from({ length: IMPORTS }, (_, i) => csvOf(ROWS, `u${i}`));
  const probes = [probe(`${base}/health/live`), probe(`${plainBase}/`)];
  const started = performance.now();
  const states = await Promise.all(bodies.map((body) => importAndWait(base, body)));
  const seconds = (performance.now() - started) / 1000;
  const [svc, baseline] = await Promise.all(probes.map((p) => p.stop()));
  // "After the uploads": probes from 3 s on, once the bodies (IMPORTS × ~1.2 MB) are in.
  console.log(`${IMPORTS} imports × ${ROWS.toLocaleString('en')} rows: ${states.filter((s) => s === 'succeeded').length} succeeded in ${seconds.toFixed(1)} s; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}\n`);
  console.log(table(['GET every 20 ms, keep-alive', 'probes', 'p50 ms', 'p99 ms', 'max ms', `over ${TARGET_MS} ms`, 'p99 from 3 s on'], [row('service /health/live', svc, 3000), row('plain Node server (baseline)', baseline, 3000)]));
} finally {
  await Promise.all([stopChild(service), stopChild(plain)]);
  rmSync(work, { recursive: true, force: true });
}
