// Streams one file through each storage provider over loopback and prints a
// markdown table: throughput as a ratio to fs.createReadStream of the same bytes,
// measured in the same run, and peak RSS growth. Run: npm run bench:storage
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand, CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Measurement, mbPerSecond, measure, serveFile, table } from './support.js';

const run = promisify(execFile);

const SIZES_MIB = (process.env.BENCH_SIZES_MIB ?? '256,1024').split(',').map(Number);

async function makeFile(path: string, mib: number): Promise<void> {
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  await pipeline(
    (async function* () {
      for (let i = 0; i < mib; i++) yield block;
    })(),
    createWriteStream(path),
  );
}

/** Runs one reader in a child process; the parent keeps the servers. */
type Mode = 'baseline' | 'provider' | 'raw-http' | 'raw-s3';

async function read(env: NodeJS.ProcessEnv, mode: Mode, target: string): Promise<Measurement> {
  const reader = fileURLToPath(new URL('./storage-reader.js', import.meta.url));
  const { stdout } = await run(process.execPath, ['--expose-gc', reader, mode, target], { env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-bench-'));
  const s3dir = join(dir, 's3');
  const s3server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3dir });
  const { port } = (await s3server.run()) as { port: number };
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const env = {
    ...process.env,
    LOCAL_STORAGE_ROOT: dir,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_FORCE_PATH_STYLE: 'true',
  };
  const client = new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await client.send(new CreateBucketCommand({ Bucket: 'bench' }));

  const rows: (string | number)[][] = [];
  for (const mib of SIZES_MIB) {
    const name = `file-${mib}.bin`;
    const path = join(dir, name);
    await makeFile(path, mib);
    await client.send(new PutObjectCommand({ Bucket: 'bench', Key: name, Body: createReadStream(path), ContentLength: mib << 20 }));
    const origin = await serveFile(path);
    // Warm the page cache so that every reader meets the same disk state.
    await measure(() => createReadStream(path, { highWaterMark: 1 << 20 }));
    const baseline = await read(env, 'baseline', path);
    const row = (label: string, m: Measurement) =>
      rows.push([label, mib, mbPerSecond(m).toFixed(0), (mbPerSecond(m) / mbPerSecond(baseline)).toFixed(2), m.rssGrowthMiB.toFixed(1), m.retainedMiB.toFixed(1)]);
    row('fs.createReadStream, 64 KiB (baseline)', baseline);
    const cases: [string, Mode, string][] = [
      ['file: provider', 'provider', `file:///${name}`],
      ['undici request alone (HTTP ceiling)', 'raw-http', origin.url.replace('file.bin', name)],
      ['http: provider', 'provider', origin.url.replace('file.bin', name)],
      ['SDK GetObject alone (s3rver ceiling)', 'raw-s3', `s3://bench/${name}`],
      ['s3: provider (s3rver)', 'provider', `s3://bench/${name}`],
    ];
    for (const [label, mode, src] of cases) {
      const m = await read(env, mode, src);
      if (m.bytes !== mib << 20) throw new Error(`${label} delivered ${m.bytes} bytes`);
      row(label, m);
    }
    origin.server.close();
    rmSync(path);
  }
  console.log(`Storage providers, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  console.log(table(['reader', 'MiB', 'MB/s', 'ratio to baseline', 'peak RSS growth (MiB)', 'retained after GC (MiB)'], rows));
  client.destroy();
  await s3server.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
