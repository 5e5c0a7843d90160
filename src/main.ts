import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { ApiKeys } from './auth/api-keys.js';
import { ConfigError } from './config/app-config.js';
import { loadConfigOrExit } from './config/load-config-or-exit.js';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  try {
    await app.init();
  } catch (err) {
    // What the configuration cannot tell alone (a master key that files still need) is found here.
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    await app.close().catch(() => undefined);
    process.exit(78);
  }
  // Not app.listen: it cannot pass a backlog.
  const { port: wanted, host, listenBacklog: backlog } = config.http;
  await new Promise<void>((resolve, reject) => app.getHttpServer().once('error', reject).listen({ port: wanted, host, backlog }, resolve));

  const logger = app.get(Logger);
  // Not enableShutdownHooks: Nest re-raises the signal after closing, so a clean stop
  // and a killed process would look the same from outside. This one exits 0 once closed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: stopping`);
      app.close().then(
        () => {
          logger.log('stopped cleanly');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  const shown = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = config.http.publicUrl ?? `http://${shown}:${port}`;
  logger.log(`bundlestream listening on ${base} (API docs: ${base}/docs)`);
  const devKey = app.get(ApiKeys).devKey;
  if (devKey) logger.log(`Development API key (embedded default only): ${devKey}`);
}

await bootstrap();
