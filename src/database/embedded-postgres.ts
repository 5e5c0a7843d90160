import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** How many client connections the embedded server multiplexes onto its single backend. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/** The port pg derives the socket's file name from (`.s.PGSQL.<port>`). */
const SOCKET_PORT = 5432;
const CLOSE_WAIT_MS = 10_000;

export interface RunningEmbeddedPostgres {
  readonly url: string;
  close(): Promise<void>;
}

// The worker's own code, plain JavaScript: it must run the same from the build and from the test transform.
// It imports the two packages by the absolute URLs the service resolved, whatever the working directory.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pglite);
  const { PGLiteSocketServer } = await import(workerData.socketServer);
  const db = await PGlite.create(workerData.dataDir);
  const server = new PGLiteSocketServer({ db, path: workerData.path, maxConnections: workerData.maxConnections });
  keepExtendedQueriesWhole(server.queryQueue);
  await server.start();
  parentPort.on('message', async (message) => {
    if (message !== 'close') return;
    await server.stop();
    await db.close();
    parentPort.postMessage({ closed: true });
  });
  parentPort.postMessage({ ready: true });
})().catch((err) => parentPort.postMessage({ failed: String((err && err.stack) || err) }));

// The socket server runs one protocol message at a time from any connection, keeping a
// connection's turn only inside a transaction. pg sends each parameterised query as
// Parse, Bind, Describe, Execute, Sync: another connection's messages in between
// replace the unnamed statement ("unnamed prepared statement does not exist"). So a
// connection that has begun such a group keeps its turn until its Sync (or its Query).
function keepExtendedQueriesWhole(queue) {
  const GROUP = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H
  const ENDS = new Set([0x53, 0x51]); // S Q
  let holder = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (id) => {
    if (holder === id) holder = null;
    clear(id);
  };
  queue.processQueue = async function () {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = holder ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const at = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        if (at === -1) break; // the owner's next message is not here yet: enqueue calls again
        const [item] = this.queue.splice(at, 1);
        const type = item.message[0];
        if (ENDS.has(type)) holder = null;
        else if (GROUP.has(type)) holder = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (data) => { bytes += data.length; item.onData(data); } }));
        } catch (err) {
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}
`;

/**
 * PostgreSQL compiled to WASM (PGlite), so that the ordinary `pg` driver, SQL
 * dialect and migrations serve the embedded default exactly as they serve a
 * real server. It runs on a worker thread (a slow query never holds the thread
 * that serves HTTP) and is reached only through a Unix socket in a directory of
 * this user's alone (mode 0700): no TCP port another local user could connect
 * to. `dataDir` undefined means in memory; it is made readable by its owner only.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<RunningEmbeddedPostgres> {
  if (dataDir) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
  }
  // mkdtemp makes the directory 0700; the socket inside it is out of reach of anyone else.
  const socketDir = await mkdtemp(join(tmpdir(), 'bundlestream-db-'));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      pglite: import.meta.resolve('@electric-sql/pglite'),
      socketServer: import.meta.resolve('@electric-sql/pglite-socket'),
      dataDir,
      path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
    },
  });
  try {
    await answer(worker, 'ready');
  } catch (err) {
    await worker.terminate();
    await rm(socketDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`,
    async close() {
      worker.postMessage('close');
      await Promise.race([answer(worker, 'closed'), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]).catch(() => undefined);
      await worker.terminate();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/** Resolves on the worker's message `key`; rejects if it fails or exits first. */
function answer(worker: Worker, key: 'ready' | 'closed'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.failed) done(new Error(`the embedded database did not start: ${String(message.failed)}`));
      else if (message[key]) done();
    };
    const onError = (err: Error) => done(err);
    const onExit = (code: number) => done(new Error(`the embedded database stopped (exit code ${code})`));
    const done = (err?: Error) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
