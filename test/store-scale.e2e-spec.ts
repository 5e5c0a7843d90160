import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeldAtMarks, InspectorSession } from './support/inspector.js';
import { sampleUntil } from './support/sampling.js';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';

const run = promisify(execFile);
const KEY = 'store-scale-key-0123456789';
const MiB = 1 << 20;

/** Streams `total` bytes (a random MiB, each copy stamped with its index) as one raw upload; resolves the answer and the SHA-256 sent. */
function upload(url: string, total: number, agent?: Agent): Promise<{ status: number; body: { digest?: string; size?: number }; sha256: string }> {
  const block = randomBytes(MiB);
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/files?filename=big.bin`, { method: 'POST', agent, headers: { Authorization: `Bearer ${KEY}`, 'Content-Length': String(total) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as { digest?: string }, sha256: hash.digest('base64') }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const chunk = Buffer.from(block.subarray(0, Math.min(MiB, total - sent)));
        chunk.writeUInt32BE(sent / MiB, 0);
        hash.update(chunk);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** Latency of GET /health/live from one keep-alive connection, probed back to back until `until` settles. */
async function probeWhile(url: string, until: Promise<unknown>): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let settled = false;
  void until.finally(() => (settled = true));
  while (!settled) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      request(`${url}/health/live`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    times.push(performance.now() - started);
  }
  agent.destroy();
  return times.sort((a, b) => a - b);
}

describe('uploads at scale (a service process of its own)', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await startServiceProcess({ API_KEYS: KEY, STORE_MAX_FILE_BYTES: String(8 * 1024 * MiB) }, { inspect: true });
  });
  afterAll(() => service.stop());

  it('keeps its memory flat while a 5 GiB upload streams through, and stores it byte for byte', async () => {
    // Request chunks are new buffers: garbage floats in V8's external memory, and so in RSS,
    // until a collection (7–77 MiB here), and V8 widens its young generation under the load
    // (its committed heap went from 121 to 185 MiB once). Neither grows with the bytes, but
    // both ride on any RSS sample (the peaks of two halves of one upload differed by up to
    // 19 MiB). A leak is measured where nothing floats: what the service holds after a full
    // collection, asked for through its inspector at 1 GiB and at 4 GiB into the upload.
    const inspector = await InspectorSession.open(service.inspectorUrl!);
    const marks = new HeldAtMarks(inspector, [1024 * MiB, 4096 * MiB], () => service.bytesReceived());
    const answer = upload(service.url, 5 * 1024 * MiB);
    const samples = await sampleUntil(answer, () => service.bytesReceived() >= 512 * MiB, async () => {
      const rss = service.rssKiB() * 1024;
      await marks.take();
      return rss;
    });
    inspector.close();
    const { status, body, sha256 } = await answer;
    expect(status).toBe(201);
    expect(body).toMatchObject({ size: 5 * 1024 * MiB, digest: `sha-256=:${sha256}:` });
    expect(samples.length).toBeGreaterThan(30);
    const mib = (n: number) => (n / MiB).toFixed(1);
    console.log(`held after a full collection at 1 and 4 GiB: heap ${marks.held.map((m) => mib(m.heapUsed)).join(', ')} MiB; external ${marks.held.map((m) => mib(m.external)).join(', ')} MiB`);
    // 3 GiB between the marks: a kept 64 KiB request chunk per two hundred would hold 15 MiB more.
    expect(marks.growth()).toBeLessThan(4 * MiB);
    // As a user sees it: the resident size stays near where the upload found it.
    const half = Math.floor(samples.length / 2);
    const [first, second] = [Math.max(...samples.slice(0, half)), Math.max(...samples.slice(half))];
    expect(second - first).toBeLessThan(32 * MiB);
    expect(Math.max(first, second) - samples[0]).toBeLessThan(128 * MiB);
  }, 300_000);

  it('stores 50 concurrent 20 MiB uploads correctly while /health/live keeps answering (latency: bench/store.bench.ts)', async () => {
    // The load comes from curl processes, so that this process does nothing but probe.
    const dir = mkdtempSync(join(tmpdir(), 'bundlestream-store-scale-'));
    try {
      const data = randomBytes(20 * MiB);
      writeFileSync(join(dir, 'twenty.bin'), data);
      const digest = `sha-256=:${createHash('sha256').update(data).digest('base64')}:`;
      const uploads = Promise.all(
        Array.from({ length: 50 }, () => run('curl', ['-sS', '-H', `Authorization: Bearer ${KEY}`, '-T', join(dir, 'twenty.bin'), `${service.url}/v1/files/`]).then(({ stdout }) => JSON.parse(stdout) as { digest: string })),
      );
      await eventLoopLagMax(service); // starts a fresh window
      const times = await probeWhile(service.url, uploads);
      for (const answer of await uploads) expect(answer.digest).toBe(digest);
      // Every probe answered; the service's event loop was never held for long (its own
      // measure: the probes' round trips also carry this test process's pauses). The p99
      // against the 10 ms target is measured by the benchmark.
      expect(times.length).toBeGreaterThan(20);
      expect(times.at(-1)).toBeLessThan(5000);
      expect(await eventLoopLagMax(service)).toBeLessThan(0.25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

async function scrape(service: ServiceProcess): Promise<string> {
  return (await fetch(`${service.url}/metrics`)).text();
}

function value(text: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
}

/** The longest the service's event loop was held since the last scrape, in seconds (prom-client resets it on each). */
async function eventLoopLagMax(service: ServiceProcess): Promise<number> {
  return value(await scrape(service), 'nodejs_eventloop_lag_max_seconds');
}
