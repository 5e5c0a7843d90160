import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { importedRows } from './imported-rows.js';
import type { AppConfig } from '../../../config/app-config.js';
import { BatchChecker } from './checked-batch.js';
import { ImportRefusal, type ImportLimits } from './imported-row.js';
import type { WorkerMessage } from './worker-messages.js';

/**
 * Runs in a worker thread: parses one file, checks its references as far as
 * that needs no database, and posts them in batches, each only once the
 * service asked for more (backpressure across the thread boundary: rows never
 * pile up in either thread).
 */
const port = parentPort!;
const job = workerData as { path: string; limits: ImportLimits; batchRows: number; storage: AppConfig['storage']; maxErrors: number };
yieldToRequests();
let more: (() => void) | undefined;
port.on('message', (message: unknown) => {
  if (message === 'more') more?.();
});

const post = (message: WorkerMessage) => port.postMessage(message);
const asked = () => new Promise<void>((resolve) => (more = resolve));

try {
  const checker = new BatchChecker(job.storage, job.maxErrors);
  for await (const row of importedRows(job.path, job.limits)) {
    checker.add(row);
    if (checker.size < job.batchRows) continue;
    post({ type: 'batch', batch: checker.take() });
    await asked();
  }
  if (checker.size > 0) {
    post({ type: 'batch', batch: checker.take() });
    await asked();
  }
  post({ type: 'done' });
} catch (err) {
  if (err instanceof ImportRefusal) post({ type: 'refused', code: err.code, detail: err.detail, errors: err.errors });
  else post({ type: 'failed', detail: err instanceof Error ? err.message : String(err) });
}
port.close();

/**
 * Parsing is bulk work: on Linux this thread (its own task id) takes a lower
 * priority, so that the thread serving HTTP wins a contended core. Elsewhere,
 * or where that is not allowed, it stays as it is.
 */
function yieldToRequests(): void {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid) setPriority(tid, 10);
  } catch {
    // not Linux, or not permitted: parse at the service's own priority
  }
}
