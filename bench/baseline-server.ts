// Child process of archive.bench.ts: the baselines the archive service is compared
// with, in a process of their own so that RSS and event-loop figures are theirs alone.
//   GET /raw?path=P&chunk=N   one file, createReadStream(P, N-byte chunks).pipe(res)
//   GET /archiver?list=L[&level=N]  archiver's zip of the files listed in JSON file L: stored, or deflated at level N
//   GET /health               a trivial answer, for latency under load
//   GET /eld                  event-loop delay p99 (ms) since the last call
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ZipArchive } from 'archiver';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  switch (url.pathname) {
    case '/raw': {
      const path = url.searchParams.get('path')!;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(statSync(path).size) });
      createReadStream(path, { highWaterMark: Number(url.searchParams.get('chunk') ?? 65536) }).pipe(res);
      return;
    }
    case '/archiver': {
      const files = JSON.parse(readFileSync(url.searchParams.get('list')!, 'utf8')) as { path: string; name: string }[];
      const level = url.searchParams.get('level');
      const archive = new ZipArchive(level === null ? { store: true } : { zlib: { level: Number(level) } });
      // The usual hardening: without it a failed source hangs the archive for ever.
      archive.on('warning', (err) => archive.destroy(err));
      archive.on('error', () => res.destroy());
      res.on('close', () => archive.destroy());
      res.writeHead(200, { 'content-type': 'application/zip' });
      archive.pipe(res);
      for (const file of files) archive.file(file.path, { name: file.name });
      void archive.finalize();
      return;
    }
    case '/health':
      res.end('ok');
      return;
    case '/eld': {
      const p99 = delay.percentile(99) / 1e6;
      delay.reset();
      res.end(JSON.stringify({ p99 }));
      return;
    }
    default:
      res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
