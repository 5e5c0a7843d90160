import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../config/app-config.js';
import { ParserThreads, type ParserThread } from './parser-threads.js';
import type { ParseJob } from './parsing/worker-messages.js';

const dir = mkdtempSync(join(tmpdir(), 'bundlestream-parser-threads-'));
const config = loadConfig({ IMPORT_CONCURRENCY: '1', DATA_DIR: dir });
const threads = new ParserThreads(config);

function csv(name: string, rows: number): ParseJob {
  const path = join(dir, name);
  writeFileSync(path, `src,dst\n${Array.from({ length: rows }, (_, i) => `s3://b-bucket/${name}/${i},n/${i}\n`).join('')}`);
  return { path, limits: config.imports.limits, batchRows: 10, storage: config.storage, maxErrors: 100 };
}

/** Reads a file to its end; resolves the kinds of message in order and the rows. */
async function parseAll(thread: ParserThread, job: ParseJob) {
  const kinds: string[] = [];
  let rows = 0;
  for await (const m of thread.parse(job)) {
    kinds.push(m.type);
    if (m.type === 'batch') {
      rows += m.batch.rows;
      thread.more();
    }
  }
  return { kinds, rows };
}

describe('ParserThreads', () => {
  afterAll(async () => {
    await threads.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses one file after another on the same thread', async () => {
    const first = threads.take(48, 16);
    expect(await parseAll(first, csv('one.csv', 25))).toEqual({ kinds: ['batch', 'batch', 'batch', 'done'], rows: 25 });
    await threads.give(first, true);
    const again = threads.take(48, 16);
    expect(again).toBe(first);
    expect(await parseAll(again, csv('two.csv', 5))).toEqual({ kinds: ['batch', 'done'], rows: 5 });
    await threads.give(again, true);
  });

  it('ends a thread whose file was left half read, and starts another', async () => {
    const thread = threads.take(48, 16);
    const messages = thread.parse(csv('three.csv', 50));
    expect((await messages.next()).value?.type).toBe('batch');
    await threads.give(thread, false);
    expect(thread.alive).toBe(false);
    const next = threads.take(48, 16);
    expect(next).not.toBe(thread);
    expect((await parseAll(next, csv('four.csv', 3))).rows).toBe(3);
    await threads.give(next, true);
  });

  it('keeps threads by heap size, and no more idle ones than IMPORT_CONCURRENCY', async () => {
    const small = threads.take(48, 16);
    const large = threads.take(64, 16);
    expect(large).not.toBe(small);
    await threads.give(large, true);
    await threads.give(small, true); // one idle thread already: this one ends
    expect(small.alive).toBe(false);
    expect(threads.take(64, 16)).toBe(large);
    await threads.give(large, true);
  });
});
