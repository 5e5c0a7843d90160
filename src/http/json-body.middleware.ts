import { Injectable, type NestMiddleware } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppConfig } from '../config/app-config.js';

/**
 * Parses JSON bodies inside Nest's middleware chain, after the request logger,
 * so that a malformed or oversized body is logged with its request id and
 * answered by the same exception filter as every other error.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(config: AppConfig) {
    this.parse = express.json({ limit: config.http.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    await new Promise<void>((resolve, reject) => this.parse(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    next();
  }
}
