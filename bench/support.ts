import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';

export interface Measurement {
  readonly bytes: number;
  readonly seconds: number;
  readonly rssGrowthMiB: number;
  /** RSS above the baseline once the stream is done and a GC has run: what was kept. */
  readonly retainedMiB: number;
}

/** Drains a stream, timing it and sampling RSS against a baseline taken after a GC. */
export async function measure(open: () => Readable | Promise<Readable>): Promise<Measurement> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const started = process.hrtime.bigint();
  let bytes = 0;
  try {
    for await (const chunk of await open()) bytes += (chunk as Buffer).length;
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const retained = process.memoryUsage.rss() - baseline;
  return { bytes, seconds, rssGrowthMiB: (peak - baseline) / 2 ** 20, retainedMiB: retained / 2 ** 20 };
}

export function mbPerSecond(m: Measurement): number {
  return m.bytes / 1e6 / m.seconds;
}

/** A plain static server with byte ranges, standing in for a web origin. */
export async function serveFile(path: string): Promise<{ url: string; server: Server }> {
  const size = statSync(path).size;
  const server = createServer((req, res) => {
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Number(range[2]) : size - 1;
    const headers = { 'content-length': String(end - start + 1), etag: '"bench"', 'accept-ranges': 'bytes' };
    res.writeHead(range ? 206 : 200, range ? { ...headers, 'content-range': `bytes ${start}-${end}/${size}` } : headers);
    createReadStream(path, { start, end, highWaterMark: 1 << 20 }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/file.bin`, server };
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
