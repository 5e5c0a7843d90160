// Child process of framing.bench.ts: the service's own zip writer, layout emitter,
// file reader, read pace and body writer over the files of one directory, with
// the data written either as method 0 (size and CRC-32 known ahead) or as deflate
// stored blocks (what the service writes for files), streamed or laid out.
//   GET /zip?mode=method0|blocks     streamed with zipStream
//   GET /laid?mode=method0|blocks    emitted from a plan with layoutRange (exact length)
import { readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from '@node-rs/crc32';
import type { Response } from 'express';
import { writeBody } from '../src/archive/body-writer.js';
import { GeneratorReadable } from '../src/common/generator-readable.js';
import { fileChunks } from '../src/storage/file-chunks.js';
import { ReadPace } from '../src/storage/read-pace.js';
import { LayoutPlanner, layoutRange, type PlacedSource, type PlannedEntry } from '../src/archive/zip/zip-layout.js';
import { zipStream } from '../src/archive/zip/zip-writer.js';

const dir = process.argv[2];
const MTIME = new Date('2026-11-28T00:00:00Z');
const files = await Promise.all(
  readdirSync(dir)
    .sort()
    .map(async (name) => {
      const path = join(dir, name);
      const handle = await open(path, 'r');
      let crc = 0;
      for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20 })) crc = crc32(chunk as Buffer, crc);
      return { name, path, size: statSync(path).size, crc };
    }),
);

async function read(path: string, from: number, to: number, pace: ReadPace) {
  return fileChunks(await open(path, 'r'), from, to, () => pace.allocate());
}

function streamed(method0: boolean, pace: ReadPace) {
  const entries = files.map((f) => ({
    name: f.name,
    mtime: MTIME,
    size: f.size,
    ...(method0 ? { crc32: f.crc } : {}),
    open: async () => ({ stream: await read(f.path, 0, f.size - 1, pace), size: f.size }),
  }));
  return zipStream(entries, { release: (c) => pace.recycle(c), lend: (v) => pace.lend(v) });
}

function laidOut(method0: boolean, pace: ReadPace) {
  const planner = new LayoutPlanner(MTIME);
  const placed = files.map((f) => {
    const entry: PlannedEntry = { name: f.name, size: f.size, crc32: f.crc, encoding: method0 ? 'stored' : 'blocks' };
    return { ...entry, offset: planner.place(entry), path: f.path };
  });
  const frame = planner.frame();
  const from = async function* (): AsyncGenerator<PlacedSource> {
    for (const p of placed) yield { ...p, read: (a: number, b: number) => (async function* () { yield* (await read(p.path, a, b, pace)) as AsyncIterable<Buffer>; })() };
  };
  const all = async function* () {
    yield* placed;
  };
  return { size: frame.size, body: layoutRange(frame, MTIME, 0, frame.size - 1, from(), all, { release: (c) => pace.recycle(c), lend: (v) => pace.lend(v) }) };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method0 = url.searchParams.get('mode') === 'method0';
  const pace = new ReadPace();
  let body: AsyncGenerator<Buffer>;
  if (url.pathname === '/laid') {
    const laid = laidOut(method0, pace);
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(laid.size) });
    body = laid.body;
  } else {
    res.writeHead(200, { 'content-type': 'application/zip' });
    body = streamed(method0, pace);
  }
  const stream = new GeneratorReadable(body, () => undefined);
  writeBody(res as unknown as Response, stream, { recycle: (c) => pace.recycle(c), sent: (n) => pace.delivered(n), window: () => pace.chunkSize }).catch(() => undefined);
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.once('SIGTERM', () => process.exit(0));
