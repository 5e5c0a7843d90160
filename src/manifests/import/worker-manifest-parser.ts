import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ManifestParser } from './manifest-parser.js';
import type { CheckedBatch } from './parsing/checked-batch.js';
import { ImportRefusal } from './parsing/imported-row.js';
import { MAX_ROW_ERRORS } from './import-runner.js';
import { formatOf } from './parsing/imported-rows.js';
import { ParserThreads } from './parser-threads.js';

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
 * Parses in worker threads, so the event loop stays free and a hostile file's
 * memory is capped by its thread's heap limit (a thread out of memory refuses
 * the import; the service goes on).
 */
@Injectable()
export class WorkerManifestParser extends ManifestParser {
  constructor(
    private readonly config: AppConfig,
    private readonly threads: ParserThreads,
  ) {
    super();
  }

  async *batches(path: string): AsyncGenerator<CheckedBatch> {
    const { limits } = this.config.imports;
    const heap = (await formatOf(path)) === 'csv' ? CSV_HEAP_MB : XLSX_BASE_HEAP_MB + Math.ceil((3 * limits.maxSharedStringsBytes) / 2 ** 20);
    const thread = this.threads.take(heap, YOUNG_HEAP_MB);
    let ended = false;
    try {
      for await (const message of thread.parse({ path, limits, batchRows: BATCH_ROWS, storage: this.config.storage, maxErrors: MAX_ROW_ERRORS })) {
        ended = message.type !== 'batch' && message.type !== 'crashed';
        switch (message.type) {
          case 'batch':
            // Asked for before this batch is taken: the worker parses the next one while this
            // one is stored, and never more than that one is waiting.
            thread.more();
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
      await this.threads.give(thread, ended);
    }
  }
}
