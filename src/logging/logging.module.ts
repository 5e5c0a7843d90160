import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import { LogSink, StdoutLogSink } from './log-sink.js';
import { redactUrl } from './redact-url.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

@Global()
@Module({ providers: [{ provide: LogSink, useClass: StdoutLogSink }], exports: [LogSink] })
class LogSinkModule {}

export const LoggingModule = LoggerModule.forRootAsync({
  imports: [LogSinkModule],
  inject: [AppConfig, LogSink],
  useFactory: (config: AppConfig, sink: LogSink) => ({
    pinoHttp: [
      {
        level: config.log.level,
        // A caller's id is kept so that logs join up across services; otherwise we make one.
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const given = req.headers['x-request-id'];
          const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        // Headers are never logged: they carry API keys and bundle secrets.
        serializers: {
          req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.url),
            remoteAddress: req.remoteAddress,
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        redact: ['req.headers', 'res.headers'],
        customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
          err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      },
      sink.stream,
    ],
  }),
});
