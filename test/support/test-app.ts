import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { Clock } from '../../src/common/clock.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { LogSink } from '../../src/logging/log-sink.js';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

/** A clock the test moves by hand. */
export class ManualClock extends Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

// nestjs-pino builds its pino-http logger once per process, so every app in a test
// worker writes to the sink of the first; all sinks therefore share one stream.
const processLogStream = new PassThrough();
processLogStream.resume();

/** Collects the log lines written while its app is open. */
export class CapturedLogs extends LogSink {
  readonly stream = processLogStream;
  private text = '';
  private readonly collect = (chunk: Buffer) => (this.text += chunk.toString('utf8'));
  constructor() {
    super();
    processLogStream.on('data', this.collect);
  }
  get all(): string {
    return this.text;
  }
  detach(): void {
    processLogStream.off('data', this.collect);
  }
}

export interface TestApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  readonly clock: ManualClock;
  readonly logs: CapturedLogs;
  close(): Promise<void>;
}

/**
 * The real AppModule on the suite's database; only the clock and the log sink
 * are replaced. `env` holds settings, exactly as they would be given in production.
 */
export type ProviderOverride = readonly [token: abstract new (...args: never[]) => unknown, value: unknown];

export async function createTestApp(
  env: Record<string, string | undefined> = {},
  overrides: readonly ProviderOverride[] = [],
): Promise<TestApp> {
  // Made here unless the test gives its own, and then removed when the app closes.
  const dataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'bundlestream-test-')) : undefined;
  const config = loadConfig({
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    DATA_DIR: dataDir,
    API_KEYS: TEST_API_KEY,
    PURGE_INTERVAL_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  const clock = new ManualClock();
  const logs = new CapturedLogs();
  let builder = Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(LogSink)
    .useValue(logs);
  for (const [token, value] of overrides) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.init();
  return {
    app,
    config,
    clock,
    logs,
    close: async () => {
      await app.close();
      logs.detach();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test app listening on a loopback port, and its base URL: for tests whose clients speak real HTTP. */
export async function listeningTestApp(env: Record<string, string> = {}): Promise<{ t: TestApp; base: string }> {
  const t = await createTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as { port: number };
  return { t, base: `http://127.0.0.1:${port}` };
}
