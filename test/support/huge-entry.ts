import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The bytes of an entry just over 4 GiB, made on the fly and never stored: a 1 MiB
 * patterned block repeated, then a short tail, so that the size is not a round number.
 */
export function hugeEntry(): { block: Buffer; blocks: number; tail: Buffer; size: number; sha256(): string } {
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 255;
  const blocks = 4096 + 3; // 4 GiB + 3 MiB
  const tail = Buffer.from('the end\n');
  return {
    block,
    blocks,
    tail,
    size: blocks * block.length + tail.length,
    sha256: () => {
      const digest = createHash('sha256');
      for (let i = 0; i < blocks; i++) digest.update(block);
      return digest.update(tail).digest('hex');
    },
  };
}

/**
 * An HTTP handler serving that entry (HEAD, one Range, If-Match on `etag`), made
 * on the fly with backpressure; `reads` collects each GET's first and last byte.
 */
export function serveHugeEntry(huge: ReturnType<typeof hugeEntry>, etag: string, reads: [number, number][] = []) {
  const { block, tail, size } = huge;
  const body = block.length * huge.blocks;
  const slice = (from: number, to: number): Buffer => (from >= body ? tail.subarray(from - body, to - body) : block.subarray(from % block.length, Math.min(block.length, (from % block.length) + to - from)));
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['if-match'] && req.headers['if-match'] !== etag) return void res.writeHead(412).end();
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    const headers = { etag, 'accept-ranges': 'bytes', 'content-length': String(end - start + 1), 'last-modified': new Date(0).toUTCString() };
    res.writeHead(range ? 206 : 200, range ? { ...headers, 'content-range': `bytes ${start}-${end}/${size}` } : headers);
    if (req.method === 'HEAD') return void res.end();
    reads.push([start, end]);
    let at = start;
    const pump = () => {
      while (at <= end) {
        const chunk = slice(at, Math.min(end + 1, at < body ? (Math.floor(at / block.length) + 1) * block.length : size));
        at += chunk.length;
        if (!res.write(chunk)) return;
      }
      res.end();
    };
    res.on('drain', pump);
    pump();
  };
}
