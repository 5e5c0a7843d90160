import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config.js';
import { applyClientTimeouts } from './http/client-timeouts.js';
import { crossOrigin } from './http/cross-origin.js';
import { continueWhenRead } from './http/expect-continue.js';
import { mountOpenApi } from './openapi.js';

/**
 * Everything that makes a Nest application this service, shared by `main.ts`
 * and the e2e tests so that both run exactly the same stack. Create the app
 * with `bodyParser: false`: a route that takes a JSON body parses it inside
 * Nest's chain (`@JsonBody()`).
 */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  const { http } = app.get(AppConfig);
  const server = app.getHttpServer();
  applyClientTimeouts(server, http);
  continueWhenRead(server);
  if (http.corsOrigins.length > 0) app.use(crossOrigin(http.corsOrigins));
  mountOpenApi(app);
}
