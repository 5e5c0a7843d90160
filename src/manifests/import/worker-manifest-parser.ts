import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ManifestParser } from './manifest-parser.js';
import type { CheckedBatch } from './parsing/checked-batch.js';
import { ImportRefusal } from './parsing/imported-row.js';
import { MAX_ROW_ERRORS } from './import-runner.js';
import { formatOf } from './parsing/imported-rows.js';
import type { WorkerMessage } from './parsing/worker-messages.js';

const BATCH_ROWS = 2000;
/**
 * Heap for the worker's own work: a CSV holds a batch of rows and the parser's
 * record; an XLSX also its shared strings (up to ~3x their size while the table
 * grows). V8 lets a heap fill towards its limit before collecting, so the limit
 * is what an import costs in RSS.
 */
const CSV_HEAP_MB = 48;
const XLSX_BASE_HEAP_MB = 96;
const YOUNG_HEAP_MB = 16;

/**
 * Parses in a worker thread per import, so the event loop stays free and a
 * hostile file's memory is capped by the worker's own heap limit (a worker
 * out of memory refuses the import; the service goes on).
 */
@Injectable()
export class WorkerManifestParser extends ManifestParser {
  constructor(private readonly config: AppConfig) {
    super();
  }

  async *batches(path: string): AsyncGenerator<CheckedBatch> {
    const { limits } = this.config.imports;
    const heap = (await formatOf(path)) === 'csv' ? CSV_HEAP_MB : XLSX_BASE_HEAP_MB + Math.ceil((3 * limits.maxSharedStringsBytes) / 2 ** 20);
    const worker = new Worker(workerUrl(), {
      workerData: { path, limits, batchRows: BATCH_ROWS, storage: this.config.storage, maxErrors: MAX_ROW_ERRORS },
      resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: YOUNG_HEAP_MB },
    });
    const inbox: (WorkerMessage | { type: 'crashed'; error: Error })[] = [];
    let wake: (() => void) | undefined;
    const deliver = (m: (typeof inbox)[number]) => {
      inbox.push(m);
      wake?.();
    };
    worker.on('message', (m: WorkerMessage) => deliver(m));
    worker.on('error', (error) => deliver({ type: 'crashed', error }));
    worker.on('exit', (code) => deliver({ type: 'crashed', error: new Error(`the parser exited (${code})`) }));
    try {
      for (;;) {
        if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const message = inbox.shift()!;
        switch (message.type) {
          case 'batch':
            // Asked for before this batch is taken: the worker parses the next one while this
            // one is stored, and never more than that one is waiting.
            worker.postMessage('more');
            yield message.batch;
            break;
          case 'done':
            return;
          case 'refused':
            throw new ImportRefusal(message.code, message.detail, message.errors);
          case 'failed':
            throw new Error(`parsing failed: ${message.detail}`);
          case 'crashed':
            if ((message.error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
              throw new ImportRefusal('IMPORT_TOO_LARGE', 'The spreadsheet needs more memory than an import may use: import it as CSV instead');
            }
            throw message.error;
        }
      }
    } finally {
      await worker.terminate();
    }
  }
}

/**
 * The worker's compiled file. Under the test runner this module is TypeScript
 * in src/, and a worker thread cannot load that: it runs the build's copy.
 */
function workerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return new URL('./parsing/parse-worker.js', import.meta.url);
  const root = here.slice(0, here.lastIndexOf('/src/'));
  const built = join(root, 'dist', relative(root, dirname(here)), 'parsing', 'parse-worker.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build`);
  return pathToFileURL(built);
}
