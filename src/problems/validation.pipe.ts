import { setImmediate } from 'node:timers/promises';
import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from './domain-error.js';

/** Flattens class-validator's tree into RFC 9457 `errors` with JSON Pointers. */
export function toFieldErrors(errors: readonly ValidationError[], base = ''): FieldError[] {
  return errors.flatMap((error) => {
    const pointer = `${base}/${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((detail) => ({ pointer, detail: stripProperty(detail, error.property) }));
    return [...own, ...toFieldErrors(error.children ?? [], pointer)];
  });
}

// class-validator prefixes messages with the property name; the pointer already says it.
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** File lists are validated this many at a time, yielding to other requests in between. */
const CHUNK = 500;

/**
 * Validates bodies and queries against their DTOs. A body's `files` list is
 * counted first (over MAX_FILES_PER_REQUEST is TOO_MANY_FILES before any file is
 * looked at), then validated a chunk at a time, so that the largest accepted
 * request never holds the event loop for long.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor(private readonly maxFiles: number) {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      // One message per member: a number given for a string needn't also be "too long".
      stopAtFirstError: true,
      exceptionFactory: (errors) => {
        const fieldErrors = toFieldErrors(errors);
        const first = fieldErrors[0];
        const detail = first ? `${first.pointer}: ${first.detail}` : 'The request is not valid';
        return new DomainError('VALIDATION_FAILED', detail, { errors: fieldErrors });
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const body = metadata.type === 'body' && typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
    const files = body?.files;
    if (!body || !Array.isArray(files)) return super.transform(value, metadata);
    if (files.length > this.maxFiles) {
      throw new DomainError('TOO_MANY_FILES', `A request may carry at most ${this.maxFiles} files; this one has ${files.length}. Append the rest in further requests.`);
    }
    if (files.length <= CHUNK) return super.transform(value, metadata);
    // The first chunk with the rest of the body, then each further chunk on its own turn of the event loop.
    const whole = (await super.transform({ ...body, files: files.slice(0, CHUNK) }, metadata)) as { files: unknown[] };
    for (let at = CHUNK; at < files.length; at += CHUNK) {
      await setImmediate();
      const part = await super.transform({ ...body, files: files.slice(at, at + CHUNK) }, metadata).catch((err: unknown) => {
        throw shifted(err, at);
      });
      whole.files.push(...(part as { files: unknown[] }).files);
    }
    return whole;
  }
}

/** A chunk's errors, pointing into the whole list. */
function shifted(err: unknown, by: number): unknown {
  if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') return err;
  const shift = (text: string) => text.replace(/^\/files\/(\d+)/, (_, i: string) => `/files/${Number(i) + by}`);
  const errors = err.options.errors?.map((e) => ({ ...e, pointer: shift(e.pointer) }));
  return new DomainError('VALIDATION_FAILED', shift(err.detail), { errors });
}
