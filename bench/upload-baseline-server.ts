// Child process of store.bench.ts: the plain Node upload server the store is compared with.
//   POST /upload       pipeline(req, fs.createWriteStream(a new file under BASELINE_DIR))
//   GET /health/live   a trivial answer, for latency under load
import { createWriteStream, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const dir = process.env.BASELINE_DIR!;
let n = 0;
const server = createServer((req, res) => {
  if (req.url === '/health/live') return void res.end('{"status":"ok"}');
  const path = join(dir, `upload-${n++}`);
  pipeline(req, createWriteStream(path)).then(
    () => {
      res.writeHead(201).end();
      rmSync(path, { force: true });
    },
    () => res.destroy(),
  );
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
