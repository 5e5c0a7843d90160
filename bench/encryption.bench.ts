// Encryption at rest and the hot cache, as a user sees them:
// - one 1 GiB `curl -T` upload and one download of it, to a service whose store encrypts
//   and to one that stores in clear (same machine, same run, alternating; median of 3);
// - time to the first byte of a 64 KiB range at 90 % of that 1 GiB file, encrypted
//   against clear (a fresh connection each, median of 20);
// - a 100 KiB file from the S3 store (the S3 test server, encrypted), from one keep-alive
//   client: a cache hit against a miss (a service with the cache off), p50/p99 of 300;
// - raw AES-256-GCM over 64 KiB segments on one core, for scale.
// Run: npm run bench:encryption
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { curl, firstByteMs, freePort, median, percentile, startChild, startS3Server, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const run = promisify(execFile);
const MiB = 1 << 20;
const KEY = 'encryption-bench-key-0123456789';
const MASTER = `bench:${randomBytes(32).toString('base64')}`;
const work = mkdtempSync(join(tmpdir(), 'bundlestream-encryption-bench-'));
const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
const BIG = join(work, 'big.bin');
const S3 = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' };
const auth = ['-H', `Authorization: Bearer ${KEY}`];

async function service(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(work, 'data-'));
  const child = await startChild(serviceArgs(main), { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS: KEY, LOG_LEVEL: 'warn', ...env }, () => waitForHttp(`http://127.0.0.1:${port}/health/live`, 60_000));
  return { base: `http://127.0.0.1:${port}`, child };
}

/** One `curl -T` upload: MB/s and the stored file's id. */
async function upload(base: string, path: string): Promise<{ mbps: number; id: string }> {
  const { stdout } = await run('curl', ['-sS', '-f', '-w', '\n%{size_upload} %{time_total}', ...auth, '-X', 'POST', '-T', path, `${base}/v1/files`], { maxBuffer: 1 << 20 });
  const [body, figures] = stdout.trim().split('\n');
  const [bytes, seconds] = figures.split(' ').map(Number);
  return { mbps: bytes / 1e6 / seconds, id: (JSON.parse(body) as { id: string }).id };
}

async function download(base: string, id: string): Promise<number> {
  const r = await curl(`${base}/v1/files/${id}/content`, auth);
  return r.bytes / 1e6 / r.seconds;
}

/** Latency of GET from one keep-alive client, each file once: ms. */
async function keepAliveLatencies(base: string, ids: string[]): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (const id of ids) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      request(`${base}/v1/files/${id}/content`, { agent, headers: { Authorization: `Bearer ${KEY}` } }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    times.push(performance.now() - started);
  }
  agent.destroy();
  return times;
}

function rawGcm(): number {
  const key = randomBytes(32);
  const segment = randomBytes(64 * 1024);
  const started = performance.now();
  for (let i = 0; i < 4096; i++) {
    const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
    cipher.update(segment);
    cipher.final();
  }
  return 256 * 1.048576 / ((performance.now() - started) / 1000);
}

async function main_(): Promise<void> {
  await run('dd', ['if=/dev/urandom', `of=${BIG}`, 'bs=1M', 'count=1024', 'status=none']);
  const small = join(work, 'small.bin');
  writeFileSync(small, randomBytes(100 * 1024));
  const clear = await service({ CACHE_MAX_BYTES: '0' });
  const sealed = await service({ CACHE_MAX_BYTES: '0', STORE_ENCRYPTION_KEYS: MASTER });
  const s3 = await startS3Server(work);
  const s3env = { ...S3, S3_ENDPOINT: s3.endpoint, STORE_BACKEND: 's3', STORE_S3_BUCKET: 'bench', STORE_ENCRYPTION_KEYS: MASTER };
  const cached = await service(s3env);
  const uncached = await service({ ...s3env, CACHE_MAX_BYTES: '0' });
  const out: string[] = [];
  try {
    const up: Record<'clear' | 'sealed', number[]> = { clear: [], sealed: [] };
    const down: Record<'clear' | 'sealed', number[]> = { clear: [], sealed: [] };
    const ids: Record<'clear' | 'sealed', string> = { clear: '', sealed: '' };
    for (let round = 0; round < 3; round++) {
      for (const [name, s] of [['clear', clear], ['sealed', sealed]] as const) {
        const { mbps, id } = await upload(s.base, BIG);
        up[name].push(mbps);
        ids[name] = id;
      }
      for (const [name, s] of [['clear', clear], ['sealed', sealed]] as const) down[name].push(await download(s.base, ids[name]));
    }
    const [uc, us, dc, ds] = [median(up.clear), median(up.sealed), median(down.clear), median(down.sealed)];
    out.push(
      table(['1 GiB, local store, curl', 'clear MB/s', 'encrypted MB/s', 'encrypted / clear (target ≥ 0.8)'], [
        ['upload (median of 3)', uc.toFixed(0), us.toFixed(0), (us / uc).toFixed(2)],
        ['download (median of 3)', dc.toFixed(0), ds.toFixed(0), (ds / dc).toFixed(2)],
      ]),
    );

    const at = Math.floor(0.9 * 1024 * MiB);
    const range = { Range: `bytes=${at}-${at + 65535}`, Authorization: `Bearer ${KEY}` };
    const ttfb: Record<'clear' | 'sealed', number[]> = { clear: [], sealed: [] };
    for (let i = 0; i < 20; i++) {
      ttfb.clear.push(await firstByteMs(`${clear.base}/v1/files/${ids.clear}/content`, range));
      ttfb.sealed.push(await firstByteMs(`${sealed.base}/v1/files/${ids.sealed}/content`, range));
    }
    out.push(
      table(['64 KiB range at 90 % of 1 GiB', 'clear ms', 'encrypted ms', 'ratio'], [
        ['time to first byte (median of 20, fresh connection)', median(ttfb.clear).toFixed(2), median(ttfb.sealed).toFixed(2), (median(ttfb.sealed) / median(ttfb.clear)).toFixed(2)],
      ]),
    );

    const hitIds: string[] = [];
    const missIds: string[] = [];
    for (let i = 0; i < 300; i++) {
      hitIds.push((await upload(cached.base, small)).id);
      missIds.push((await upload(uncached.base, small)).id);
    }
    const hits = await keepAliveLatencies(cached.base, hitIds);
    const misses = await keepAliveLatencies(uncached.base, missIds);
    out.push(
      table(['100 KiB from the S3 store (encrypted), keep-alive client, 300 files', 'p50 ms', 'p99 ms'], [
        ['cache hit (just uploaded)', percentile(hits, 50).toFixed(2), percentile(hits, 99).toFixed(2)],
        ['miss (cache off: S3 GET + decryption)', percentile(misses, 50).toFixed(2), percentile(misses, 99).toFixed(2)],
      ]),
    );
    out.push(table(['AES-256-GCM, 64 KiB segments, one core', 'MB/s'], [['node:crypto, one createCipheriv per segment', rawGcm().toFixed(0)]]));
  } finally {
    for (const c of [clear.child, sealed.child, cached.child, uncached.child, s3.child]) c.kill('SIGTERM');
  }
  process.stdout.write(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0].model}, Node ${process.version}\n\n${out.join('\n\n')}\n`);
  rmSync(work, { recursive: true, force: true });
}

await main_();
