import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
