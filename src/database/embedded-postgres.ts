import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type ChildProcess, spawn } from 'node:child_process';
import { lowerProcess } from '../common/bulk-priority.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';

/** How many client connections the embedded server multiplexes onto its single backend. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/** The port pg derives the socket's file name from (`.s.PGSQL.<port>`). */
const SOCKET_PORT = 5432;
const CLOSE_WAIT_MS = 10_000;

export interface RunningEmbeddedPostgres {
  readonly url: string;
  close(): Promise<void>;
}

// The child's own code, plain JavaScript (an ES module given to `node -e`): it must run the
// same from the build and from the test transform. It imports the two packages by the
// absolute URLs the service resolved, whatever the working directory, and ends with the
// service (its IPC channel closes when the service's process does).
const CHILD_SOURCE = `
const data = JSON.parse(process.env.BUNDLESTREAM_EMBEDDED_DB);
const { rmSync } = await import('node:fs');
const { dirname } = await import('node:path');
// The service is gone (even killed, with no chance to clean up): so is its socket's directory.
process.on('disconnect', () => {
  rmSync(dirname(data.path), { recursive: true, force: true });
  process.exit(0);
});
try {
  const { PGlite } = await import(data.pglite);
  const { PGLiteSocketServer } = await import(data.socketServer);
  const db = await PGlite.create(data.dataDir);
  const server = new PGLiteSocketServer({ db, path: data.path, maxConnections: data.maxConnections });
  keepExtendedQueriesWhole(server.queryQueue);
  await server.start();
  process.on('message', async (message) => {
    if (message !== 'close') return;
    await server.stop();
    await db.close();
    process.send({ closed: true }, () => process.exit(0));
  });
  process.send({ ready: true });
} catch (err) {
  process.send({ failed: String((err && err.stack) || err) }, () => process.exit(1));
}

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
 * real server. It runs in a child process (a slow query never holds the thread
 * that serves HTTP, and its memory is its own) and is reached only through a
 * Unix socket in a directory of this user's alone (mode 0700): no TCP port
 * another local user could connect to. `dataDir` undefined means in memory; it
 * is made readable by its owner only.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<RunningEmbeddedPostgres> {
  let lock: DataDirLock | undefined;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    lock = await lockDataDir(dataDir);
  }
  const unlock = async () => lock?.release();
  // mkdtemp makes the directory 0700; the socket inside it is out of reach of anyone else.
  const socketDir = await mkdtemp(join(tmpdir(), 'bundlestream-db-'));
  const data = {
    pglite: import.meta.resolve('@electric-sql/pglite'),
    socketServer: import.meta.resolve('@electric-sql/pglite-socket'),
    dataDir: dataDir === undefined ? undefined : resolve(dataDir),
    path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  };
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE], {
    env: { ...process.env, BUNDLESTREAM_EMBEDDED_DB: JSON.stringify(data) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // The database is bulk work. Lowered at once, the threads the child starts inherit it;
  // once it is ready, any it had started before are lowered too.
  if (child.pid !== undefined) lowerProcess(child.pid);
  try {
    if (child.pid !== undefined) await lock?.alsoHeldBy(child.pid);
    await answer(child, 'ready');
    if (child.pid !== undefined) lowerProcess(child.pid);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(socketDir, { recursive: true, force: true });
    await unlock();
    throw err;
  }
  return {
    url: `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`,
    async close() {
      if (child.connected) {
        child.send('close');
        await Promise.race([answer(child, 'closed'), new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]).catch(() => undefined);
      }
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(socketDir, { recursive: true, force: true });
      await unlock();
    },
  };
}

/** Resolves on the child's message `key`; rejects if it fails or exits first. */
function answer(child: ChildProcess, key: 'ready' | 'closed'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.failed) done(new Error(`the embedded database did not start: ${String(message.failed)}`));
      else if (message[key]) done();
    };
    const onError = (err: Error) => done(err);
    const onExit = (code: number | null) => (key === 'closed' ? done() : done(new Error(`the embedded database stopped (exit code ${code})`)));
    const done = (err?: Error) => {
      child.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    child.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
