import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port that was free a moment ago, for children that must be told theirs. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Samples a process's RSS every 25 ms until stopped; resolves the peak in KiB. */
export function sampleRss(pid: number): { stop(): number } {
  let peak = rssKiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 25);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssKiB(pid));
    },
  };
}

/** Starts a Node child and waits until `ready` resolves; stderr goes to ours. */
export async function startChild(args: string[], env: NodeJS.ProcessEnv, ready: (child: ChildProcess) => Promise<void>): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') process.stderr.write(`${args.join(' ')} exited with ${code ?? signal}\n`);
  });
  await ready(child);
  // Keep reading: a child blocked on a full stdout pipe would stall the benchmark.
  child.stdout!.on('data', (line: Buffer) => process.env.BENCH_VERBOSE && process.stderr.write(line));
  return child;
}

/** Starts a baseline server script (baseline-server.js, plain-server.js) and resolves its base URL once it has told its port. */
export async function startBaseline(script: string): Promise<{ base: string; child: ChildProcess }> {
  let base = '';
  const child = await startChild([script], process.env, (c) => {
    return new Promise((resolve) => {
      c.stdout!.once('data', (line: Buffer) => {
        base = `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}`;
        resolve();
      });
    });
  });
  return { base, child };
}

/** SIGTERM, then resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CurlResult {
  readonly bytes: number;
  readonly seconds: number;
  readonly ttfbSeconds: number;
}

/** One download with curl to /dev/null, as a client on the same machine would make it. */
export async function curl(url: string, extra: string[] = []): Promise<CurlResult> {
  const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{size_download} %{time_total} %{time_starttransfer}', ...extra, url]).catch(
    // -m ends slow downloads on purpose (exit 28); their figures are still printed.
    (err: { code?: number; stdout?: string }) => {
      if (err.code === 28 && err.stdout) return { stdout: err.stdout };
      throw err;
    },
  );
  const [bytes, total, ttfb] = stdout.trim().split(' ').map(Number);
  return { bytes, seconds: total, ttfbSeconds: ttfb };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Time to the first body byte, over a fresh connection each time (no keep-alive races). */
export function firstByteMs(url: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      res.once('data', () => {
        resolve(performance.now() - started);
        req.destroy();
      });
      res.on('error', () => undefined);
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end();
  });
}

/** The S3 test server (s3rver's command line) on a free loopback port, with a bucket `bench`. */
export async function startS3Server(work: string): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(fileURLToPath(new URL('../../node_modules/.bin/s3rver', import.meta.url)), ['-d', mkdtempSync(join(work, 's3-')), '-a', '127.0.0.1', '-p', String(port), '--silent'], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  for (let i = 0; ; i++) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
      break;
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return { endpoint, child };
}
