import { parentPort } from 'node:worker_threads';
import { lowerThisThread } from '../../../common/bulk-priority.js';
import { importedRows } from './imported-rows.js';
import { BatchChecker, type CheckedBatch } from './checked-batch.js';
import { ImportRefusal } from './imported-row.js';
import type { ParseJob, ServiceMessage, WorkerMessage } from './worker-messages.js';

/**
 * Runs in a worker thread: parses one file at a time, checks its references as
 * far as that needs no database, and posts them in batches, each only once the
 * service asked for more (backpressure across the thread boundary: rows never
 * pile up in either thread). The thread stays for the next file, so that an
 * import does not pay for a thread's start and its modules' loading.
 */
const port = parentPort!;
lowerThisThread(); // parsing is bulk work
let more: (() => void) | undefined;
port.on('message', (message: ServiceMessage) => {
  if (message === 'more') more?.();
  else void parse(message.job);
});

const post = (message: WorkerMessage) => port.postMessage(message);
/** A batch's arrays are handed over: the service's thread gets their memory, this one lets go of it. */
const postBatch = (batch: CheckedBatch) => port.postMessage({ type: 'batch', batch } satisfies WorkerMessage, batch.plain ? [batch.plain.ords.buffer, batch.plain.srcs.buffer, batch.plain.dsts.buffer] as ArrayBuffer[] : []);
const asked = () => new Promise<void>((resolve) => (more = resolve));

async function parse(job: ParseJob): Promise<void> {
  try {
    const checker = new BatchChecker(job.storage, job.maxErrors);
    for await (const row of importedRows(job.path, job.limits)) {
      checker.add(row);
      if (checker.size < job.batchRows) continue;
      postBatch(checker.take());
      await asked();
    }
    if (checker.size > 0) {
      postBatch(checker.take());
      await asked();
    }
    post({ type: 'done' });
  } catch (err) {
    if (err instanceof ImportRefusal) post({ type: 'refused', code: err.code, detail: err.detail, errors: err.errors });
    else post({ type: 'failed', detail: err instanceof Error ? err.message : String(err) });
  }
}
