import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` under a deadline. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
}
import { describe, expect, it } from '@jest/globals';
import { resumableRead, type ResumableReadOptions } from './resumable-read.js';
import { StorageError } from './storage-error.js';
import type { OpenedRange, RangeRequest } from './storage-provider.js';

const retry = { maxAttempts: 4, baseMs: 1, maxMs: 5 };
const base: ResumableReadOptions = { retry, idleTimeoutMs: 2000, label: 'fake://source' };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A source whose n-th response can be scripted to fail in various ways. */
function fakeSource(data: Buffer, script: Array<'ok' | 'reset-at-open' | { breakAfter: number } | { etag: string } | 'stall'> = []) {
  const requests: RangeRequest[] = [];
  const open = async (req: RangeRequest): Promise<OpenedRange> => {
    const step = script[requests.length] ?? 'ok';
    requests.push(req);
    if (step === 'reset-at-open') throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    if (req.start >= data.length && req.start > 0) throw new StorageError('SOURCE_SIZE_MISMATCH', 'range not satisfiable');
    const slice = data.subarray(req.start, req.end === undefined ? undefined : req.end + 1);
    const etag = typeof step === 'object' && 'etag' in step ? step.etag : '"v1"';
    let body: Readable;
    if (step === 'stall') body = new Readable({ read() {} });
    else if (typeof step === 'object' && 'breakAfter' in step) {
      body = Readable.from((async function* () {
        yield slice.subarray(0, step.breakAfter);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      })(), { objectMode: false });
    } else body = Readable.from([slice.subarray(0, slice.length >> 1), slice.subarray(slice.length >> 1)], { objectMode: false });
    return { body, etag, objectSize: data.length };
  };
  return { open, requests };
}

describe('resumableRead', () => {
  const data = randomBytes(300_000);

  it('resumes a body that breaks mid-file from the byte it reached, pinned to the first ETag', async () => {
    const src = fakeSource(data, [{ breakAfter: 100_000 }, { breakAfter: 50_000 }, 'ok']);
    const out = await collect(resumableRead(src.open, base));
    expect(sha(out)).toBe(sha(data));
    expect(src.requests.map((r) => [r.start, r.etag])).toEqual([[0, undefined], [100_000, '"v1"'], [150_000, '"v1"']]);
  });

  it('retries transient open failures, honours a sub-range and announces its length once', async () => {
    const src = fakeSource(data, ['reset-at-open', 'reset-at-open', 'ok']);
    const stream = resumableRead(src.open, { ...base, start: 1000, end: 1999 });
    const announced: unknown[] = [];
    stream.on('source', (info) => announced.push(info));
    const out = await collect(stream);
    expect(announced).toEqual([{ size: 1000, etag: '"v1"' }]);
    expect(out.equals(data.subarray(1000, 2000))).toBe(true);
    expect(src.requests).toHaveLength(3);
  });

  it('fails loudly when the source changes between attempts', async () => {
    const src = fakeSource(data, [{ breakAfter: 1000 }, { etag: '"v2"' }]);
    await expect(collect(resumableRead(src.open, base))).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
  });

  it('fails when the source is longer or shorter than its known size', async () => {
    await expect(collect(resumableRead(fakeSource(data).open, { ...base, size: data.length - 10 }))).rejects.toMatchObject({ code: 'SOURCE_CHANGED' });
    const longer = async (req: RangeRequest): Promise<OpenedRange> => ({ body: Readable.from([data], { objectMode: false }), etag: '"x"', objectSize: undefined, ...{ req } });
    await expect(collect(resumableRead(longer, { ...base, end: 99 }))).rejects.toMatchObject({ code: 'SOURCE_SIZE_MISMATCH' });
    // Ends cleanly but short: the resume asks past the end and the source says so.
    const short = fakeSource(data.subarray(0, 1000));
    const shortOpen = async (req: RangeRequest) => ({ ...(await short.open(req)), objectSize: undefined });
    await expect(collect(resumableRead(shortOpen, { ...base, size: 2000 }))).rejects.toMatchObject({ code: 'SOURCE_SIZE_MISMATCH' });
  });

  it('gives up after the configured attempts without progress', async () => {
    const src = fakeSource(data, Array(10).fill('reset-at-open'));
    await expect(collect(resumableRead(src.open, base))).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    expect(src.requests).toHaveLength(retry.maxAttempts);
  });

  it('treats a silent source as broken after the idle timeout, then resumes', async () => {
    const src = fakeSource(data, ['stall', 'ok']);
    const out = await collect(resumableRead(src.open, { ...base, idleTimeoutMs: 50 }));
    expect(out.length).toBe(data.length);
    expect(src.requests).toHaveLength(2);
  });

  it('does not count a slow consumer as an idle source', async () => {
    const src = fakeSource(data);
    const stream = resumableRead(src.open, { ...base, idleTimeoutMs: 30 });
    let total = 0;
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      await sleep(60);
    }
    expect(total).toBe(data.length);
    expect(src.requests).toHaveLength(1);
  });

  it('opens nothing until read, and aborts the request when destroyed', async () => {
    let signal: AbortSignal | undefined;
    const open = (req: RangeRequest) => {
      signal = req.signal;
      return new Promise<OpenedRange>(() => undefined); // never answers
    };
    const stream = resumableRead(open, base);
    await sleep(10);
    expect(signal).toBeUndefined();
    stream.resume();
    await until(() => signal !== undefined);
    expect(signal?.aborted).toBe(false);
    stream.destroy();
    await until(() => signal?.aborted === true);
    expect(signal?.aborted).toBe(true);
  });
});
