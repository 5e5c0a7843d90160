// Plain ESM: Jest loads global setup outside its transform, so TypeScript comes in through tsx.
import { tsImport } from 'tsx/esm/api';

/**
 * One database for the whole run: the configured PostgreSQL (CI) or an in-memory
 * embedded one. Migrations run here once, so workers never race to apply them.
 */
export default async function globalSetup() {
  const { assertTestDatabase, resetAndMigrate } = await tsImport('./test-database.ts', import.meta.url);
  let url = process.env.DATABASE_URL;
  if (url) {
    assertTestDatabase(url);
  } else {
    const { startEmbeddedPostgres } = await tsImport('../../src/database/embedded-postgres.ts', import.meta.url);
    const embedded = await startEmbeddedPostgres(undefined);
    globalThis.embeddedTestDb = embedded;
    // PGlite serves one database whatever the name; the name is only the test marker.
    url = embedded.url.replace('/postgres?', '/postgres_test?');
  }
  await resetAndMigrate(url);
  process.env.TEST_DATABASE_URL = url;
}
