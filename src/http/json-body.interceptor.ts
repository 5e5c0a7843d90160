import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import express, { type Request, type Response } from 'express';
import type { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';

const JSON_TYPES = ['application/json', 'application/*+json'];
/** Deeper bodies are refused before anything walks them (class-transformer recurses). */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses the JSON body of a route that takes one (`@JsonBody()`), after the
 * guards: a caller without a credential is answered 401 before a byte of the
 * body is parsed. Such a route wants JSON: another media type, or no body at
 * all, is 415.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly parse: ReturnType<typeof express.json>;

  constructor(config: AppConfig) {
    this.parse = express.json({ limit: config.http.bodyLimitBytes, type: JSON_TYPES });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      await this.parseJson(http.getRequest<Request>(), http.getResponse<Response>());
    }
    return next.handle();
  }

  private async parseJson(req: Request, res: Response): Promise<void> {
    // Null without a body, false with another type.
    if (!req.is(JSON_TYPES)) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This route takes a JSON body (Content-Type: application/json)');
    }
    await new Promise<void>((resolve, reject) => this.parse(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    if (deeperThan(req.body, MAX_JSON_DEPTH)) throw new DomainError('VALIDATION_FAILED', `The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** Without recursion: the point is not to blow the stack on hostile input. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
