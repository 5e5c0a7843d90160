import { redactUrl } from '../logging/redact-url.js';
import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type FieldError } from './domain-error.js';
import { PROBLEM_CATALOG, type ProblemCode, problemType } from './problem-catalog.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId?: string;
  errors?: readonly FieldError[];
}

const CODE_BY_STATUS: Partial<Record<number, ProblemCode>> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** Errors from body-parser carry an http-errors `type`; these are the client's fault. */
const BODY_PARSER_CODES: Record<string, ProblemCode> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'VALIDATION_FAILED',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.aborted': 'VALIDATION_FAILED',
};

export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof HttpException) {
    const code = CODE_BY_STATUS[exception.getStatus()];
    if (code) return new DomainError(code, clientMessage(exception, code));
  }
  const parserType = (exception as { type?: unknown } | null)?.type;
  if (typeof parserType === 'string' && parserType in BODY_PARSER_CODES) {
    const code = BODY_PARSER_CODES[parserType];
    const detail = code === 'VALIDATION_FAILED' ? 'The request body is not valid JSON' : undefined;
    return new DomainError(code, detail);
  }
  return new DomainError('INTERNAL_ERROR', 'An unexpected error occurred; it has been logged', { cause: exception });
}

function clientMessage(exception: HttpException, code: ProblemCode): string {
  const message = exception.message;
  // Nest's router says "Cannot GET /x"; that is safe and useful to echo.
  return message && !message.startsWith('Http Exception') ? message : PROBLEM_CATALOG[code].title;
}

const logger = new Logger('Problem');

/**
 * Answers with problem+json, or, when the body has already started, destroys
 * the connection so that the client sees a failed download rather than a
 * truncated one that looks complete.
 */
export function sendProblem(exception: unknown, req: Request, res: Response, baseUrl = ''): void {
  const error = toDomainError(exception);
  const { status, title } = PROBLEM_CATALOG[error.code];
  if (status >= 500) logger.error({ err: exception, url: redactUrl(req.originalUrl) }, 'request failed');
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const body: ProblemDocument = {
    type: problemType(error.code, baseUrl),
    title,
    status,
    detail: error.detail,
    instance: req.originalUrl.split('?')[0],
    code: error.code,
    requestId: typeof req.id === 'string' ? req.id : undefined,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
  };
  for (const [name, value] of Object.entries(error.options.headers ?? {})) res.setHeader(name, value);
  res.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
