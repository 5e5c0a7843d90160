import { BadRequestException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from './domain-error.js';
import { toDomainError } from './problem.js';
import { codeForSlug, PROBLEM_CATALOG, type ProblemCode, problemSlug } from './problem-catalog.js';

describe('problem mapping', () => {
  it('keeps domain errors as they are', () => {
    const err = new DomainError('BUNDLE_EXPIRED', 'gone');
    expect(toDomainError(err)).toBe(err);
  });

  it('maps framework and body-parser errors to stable codes', () => {
    expect(toDomainError(new NotFoundException('Cannot GET /x')).code).toBe('NOT_FOUND');
    expect(toDomainError(new BadRequestException()).code).toBe('VALIDATION_FAILED');
    expect(toDomainError(Object.assign(new Error('too big'), { type: 'entity.too.large' })).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('hides the message of anything unexpected', () => {
    const mapped = toDomainError(new Error('password=hunter2 at db.internal:5432'));
    expect(mapped.code).toBe('INTERNAL_ERROR');
    expect(mapped.detail).not.toContain('hunter2');
  });

  it('gives every code a slug that maps back to it', () => {
    for (const code of Object.keys(PROBLEM_CATALOG) as ProblemCode[]) expect(codeForSlug(problemSlug(code))).toBe(code);
    expect(codeForSlug('nope')).toBeUndefined();
  });
});
