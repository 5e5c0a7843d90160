// What the stored-block framing costs: the same 20 × 50 MiB local files as a zip
// whose data is method 0 (size and CRC-32 known ahead, no descriptor) and as one
// whose data is deflate stored blocks with a data descriptor (what the service
// writes for files, readable by streaming readers), streamed and laid out, in one
// run, alternating. Both come from the service's own parts (framing-server.ts).
// Run: npm run bench:framing
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { curl, median, startChild } from './processes.js';
import { table } from './support.js';

const FILES = 20;
const FILE_MIB = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function patterned(bytes: number, seed: number): Buffer {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) buf.writeUInt32LE(((i + seed) * 2654435761) >>> 0, i);
  return buf;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundlestream-framing-bench-'));
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, `f${String(i).padStart(2, '0')}.bin`), patterned(FILE_MIB << 20, i));
  let base = '';
  const child = await startChild([fileURLToPath(new URL('./framing-server.js', import.meta.url)), dir], process.env, (c) =>
    new Promise((resolve) => c.stdout!.once('data', (line: Buffer) => resolve(void (base = `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}`)))),
  );
  try {
    const modes = [
      ['streamed, method 0', '/zip?mode=method0'],
      ['streamed, stored blocks', '/zip?mode=blocks'],
      ['laid out, method 0', '/laid?mode=method0'],
      ['laid out, stored blocks', '/laid?mode=blocks'],
    ] as const;
    const rates = new Map<string, number[]>(modes.map(([label]) => [label, []]));
    await curl(`${base}/zip?mode=blocks`); // one warm-up (page cache, JIT)
    for (let i = 0; i < RUNS; i++) {
      for (const [label, path] of modes) {
        const r = await curl(`${base}${path}`);
        rates.get(label)!.push(r.bytes / 1e6 / r.seconds);
      }
    }
    const f = (v: number) => v.toFixed(0);
    const best = (label: string) => Math.max(...rates.get(label)!);
    const mid = (label: string) => median(rates.get(label)!);
    console.log(`Stored-block framing against method 0, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
    console.log(`${FILES} × ${FILE_MIB} MiB local files, curl to /dev/null, MB/s best of ${RUNS} (median in brackets)\n`);
    console.log(
      table(
        ['zip', 'MB/s', 'ratio blocks / method 0 (best; median)'],
        modes.map(([label]) => {
          const pair = label.replace('stored blocks', 'method 0');
          const ratio = label.endsWith('blocks') ? `${(best(label) / best(pair)).toFixed(2)}; ${(mid(label) / mid(pair)).toFixed(2)}` : '';
          return [label, `${f(best(label))} (${f(mid(label))})`, ratio];
        }),
      ),
    );
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
