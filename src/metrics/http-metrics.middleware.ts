import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.js';

/** Labels by route template, never by raw URL, so ids don't explode the series count. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    // 'close' also fires for downloads the client abandoned, which 'finish' would miss.
    res.once('close', () => {
      const path = req.route?.path === undefined ? undefined : String(req.route.path);
      // Nest answers unknown URLs from a catch-all wildcard route; ours have no wildcards.
      const route = path === undefined || path.includes('*') ? 'unmatched' : `${req.baseUrl}${path}`;
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  }
}
