import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { entryPathProblem } from '../archive/entry-path.js';
import type { FieldError } from '../problems/domain-error.js';
import { DomainError } from '../problems/domain-error.js';
import { SourceCatalog } from '../storage/source-catalog.js';
import { InvalidSourceError } from '../storage/source-uri.js';
import type { FileRef } from './bundle.js';

/** Listing every error of a 10,000-file request would bury the first ones. */
const MAX_REPORTED = 50;
const CHUNK = 500;

/** Checks references when they are submitted, so that downloads never meet a bad one. */
@Injectable()
export class FileRefsValidator {
  constructor(private readonly sources: SourceCatalog) {}

  /** Yields to other requests every CHUNK references: a 10,000-file list must not hold the event loop. */
  async assertValid(files: readonly FileRef[], pointerBase = '/files'): Promise<void> {
    const errors: FieldError[] = [];
    for (let i = 0; i < files.length && errors.length < MAX_REPORTED; i++) {
      if (i > 0 && i % CHUNK === 0) await setImmediate();
      const { src, dst } = files[i];
      try {
        this.sources.check(src);
      } catch (err) {
        if (!(err instanceof InvalidSourceError)) throw err;
        errors.push({ pointer: `${pointerBase}/${i}/src`, detail: err.message });
      }
      const dstProblem = dst === undefined ? undefined : entryPathProblem(dst);
      if (dstProblem) errors.push({ pointer: `${pointerBase}/${i}/dst`, detail: dstProblem });
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `${errors.length === MAX_REPORTED ? 'At least ' : ''}${errors.length} file reference(s) are not valid`, { errors });
    }
  }
}
