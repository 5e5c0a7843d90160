import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** How many client connections the embedded server multiplexes onto its single backend. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

export interface RunningEmbeddedPostgres {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL compiled to WASM (PGlite), served on a loopback socket so that the
 * ordinary `pg` driver, SQL dialect and migrations serve the embedded default
 * exactly as they serve a real server. `dataDir` undefined means in memory.
 */
export async function startEmbeddedPostgres(dataDir: string | undefined): Promise<RunningEmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
