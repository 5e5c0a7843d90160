// Uploads to the service's own store, as a user sees them:
// - throughput of one `curl -T` upload of 1 GiB to the local store, against a plain
//   Node server doing pipeline(req, fs.createWriteStream(path)) in the same run;
// - the S3 store against the S3 test server, against a raw UploadPart loop to the same server;
// - RSS growth per concurrent upload at 1, 50 and 200 uploads from a cold baseline
//   (a fresh service, one warm-up upload, then all at once), local and S3;
// - /health/live latency from one keep-alive client during 50 concurrent 20 MiB uploads,
//   against the plain server under the same load.
// Run: npm run bench:store
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { freePort, median, percentile, rssKiB, sampleRss, startBaseline, startChild, startS3Server, waitForHttp } from './processes.js';
import { serviceArgs } from './service-args.js';
import { table } from './support.js';

const run = promisify(execFile);
const MiB = 1 << 20;
const KEY = 'store-bench-key-0123456789';
const work = mkdtempSync(join(tmpdir(), 'bundlestream-store-bench-'));
const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
const BIG = join(work, 'big.bin');
const S3 = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' };

async function service(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(work, 'data-'));
  const child = await startChild(serviceArgs(main), { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS: KEY, LOG_LEVEL: 'warn', ...env }, () => waitForHttp(`http://127.0.0.1:${port}/health/live`, 60_000));
  return { base: `http://127.0.0.1:${port}`, child };
}

/** One `curl -T` upload; MB/s. */
async function curlUpload(url: string, path: string, extra: string[] = []): Promise<number> {
  const { stdout } = await run('curl', ['-sS', '-f', '-o', '/dev/null', '-w', '%{size_upload} %{time_total}', '-H', `Authorization: Bearer ${KEY}`, '-X', 'POST', '-T', path, ...extra, url]);
  const [bytes, seconds] = stdout.trim().split(' ').map(Number);
  return bytes / 1e6 / seconds;
}

async function throughput(rounds: number, targets: Record<string, () => Promise<number>>): Promise<Record<string, number>> {
  const seen: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) for (const [name, go] of Object.entries(targets)) (seen[name] ??= []).push(await go());
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, median(v)]));
}

/** A raw UploadPart loop to the S3 server: the most an S3 upload can do there, one part at a time. */
async function rawMultipart(endpoint: string, path: string, size: number): Promise<number> {
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const started = performance.now();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'bench', Key: `raw-${Math.random()}` }));
  const parts: { ETag?: string; PartNumber: number }[] = [];
  let n = 1;
  let buffer = Buffer.alloc(0);
  const flush = async () => {
    const answer = await client.send(new UploadPartCommand({ Bucket: 'bench', Key: 'raw', UploadId, PartNumber: n, Body: buffer, ContentLength: buffer.length }));
    parts.push({ ETag: answer.ETag, PartNumber: n++ });
    buffer = Buffer.alloc(0);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) {
    buffer = Buffer.concat([buffer, chunk as Buffer]);
    if (buffer.length >= 5 * MiB) await flush();
  }
  if (buffer.length > 0) await flush();
  await client.send(new CompleteMultipartUploadCommand({ Bucket: 'bench', Key: 'raw', UploadId, MultipartUpload: { Parts: parts } })).catch(() => undefined);
  client.destroy();
  return size / 1e6 / ((performance.now() - started) / 1000);
}

/** RSS growth per upload with `count` uploads at once, each 8 MiB sent at 2 MiB/s, from a fresh service's cold baseline. */
async function growthPerUpload(env: Record<string, string>, count: number): Promise<number> {
  const { base, child } = await service(env);
  try {
    await curlUpload(`${base}/v1/files`, join(work, 'eight.bin'));
    const baseline = rssKiB(child.pid!);
    const sampler = sampleRss(child.pid!);
    await Promise.all(Array.from({ length: count }, () => curlUpload(`${base}/v1/files`, join(work, 'eight.bin'), ['--limit-rate', '2M'])));
    return (sampler.stop() - baseline) / count;
  } finally {
    child.kill('SIGTERM');
  }
}

/** /health/live from one keep-alive client while 50 curl processes upload 20 MiB each. */
async function latencyUnderUploads(base: string, path: string): Promise<{ p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const probe = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      request(`${base}/health/live`, { agent }, (res) => res.resume().on('end', () => resolve(performance.now() - started))).on('error', reject).end();
    });
  await probe();
  const times: number[] = [];
  let done = false;
  const load = Promise.all(Array.from({ length: 50 }, () => curlUpload(`${base}${path}`, join(work, 'twenty.bin')))).finally(() => (done = true));
  while (!done) times.push(await probe());
  await load;
  agent.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main_(): Promise<void> {
  await run('dd', ['if=/dev/urandom', `of=${BIG}`, 'bs=1M', 'count=1024', 'status=none']);
  writeFileSync(join(work, 'eight.bin'), Buffer.alloc(8 * MiB, 7));
  writeFileSync(join(work, 'twenty.bin'), Buffer.alloc(20 * MiB, 9));
  const baseDir = mkdtempSync(join(work, 'baseline-'));
  process.env.BASELINE_DIR = baseDir;
  const baseline = await startBaseline(fileURLToPath(new URL('./upload-baseline-server.js', import.meta.url)));
  const local = await service({});
  const s3 = await startS3Server(work);
  const s3env = { ...S3, S3_ENDPOINT: s3.endpoint, STORE_BACKEND: 's3', STORE_S3_BUCKET: 'bench' };
  const s3service = await service(s3env);
  const out: string[] = [];
  try {
    const speed = await throughput(3, {
      plain: () => curlUpload(`${baseline.base}/upload`, BIG),
      local: () => curlUpload(`${local.base}/v1/files`, BIG),
    });
    const s3speed = await throughput(3, {
      raw: () => rawMultipart(s3.endpoint, BIG, 1024 * MiB),
      store: () => curlUpload(`${s3service.base}/v1/files`, BIG),
    });
    out.push(
      table(['1 GiB upload', 'MB/s (median of 3)', 'ratio'], [
        ['plain Node pipeline(req, createWriteStream)', speed.plain.toFixed(0), '1.00'],
        ['local store (SHA-256 + CRC-32 + fsync)', speed.local.toFixed(0), (speed.local / speed.plain).toFixed(2)],
        ['raw UploadPart loop to s3rver (5 MiB parts)', s3speed.raw.toFixed(0), '1.00'],
        ['S3 store to s3rver', s3speed.store.toFixed(0), (s3speed.store / s3speed.raw).toFixed(2)],
      ]),
    );
    const rows: (string | number)[][] = [];
    for (const count of [1, 50, 200]) rows.push(['local', count, (await growthPerUpload({}, count)).toFixed(0)]);
    for (const count of [1, 50]) rows.push(['S3 (5 MiB parts)', count, (await growthPerUpload(s3env, count)).toFixed(0)]);
    out.push(table(['store', 'concurrent uploads (8 MiB at 2 MiB/s)', 'RSS growth per upload (KiB)'], rows));
    const mine = await latencyUnderUploads(local.base, '/v1/files');
    const plain = await latencyUnderUploads(baseline.base, '/upload');
    out.push(
      table(['/health/live, keep-alive client, during 50 × 20 MiB uploads', 'p50 ms', 'p99 ms'], [
        ['plain Node server', plain.p50.toFixed(1), plain.p99.toFixed(1)],
        ['bundlestream, local store', mine.p50.toFixed(1), mine.p99.toFixed(1)],
      ]),
    );
  } finally {
    for (const c of [baseline.child, local.child, s3service.child, s3.child]) c.kill('SIGTERM');
  }
  process.stdout.write(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0].model}, Node ${process.version}\n\n${out.join('\n\n')}\n`);
  rmSync(work, { recursive: true, force: true });
}

await main_();
