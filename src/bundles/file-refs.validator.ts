import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { FieldError } from '../problems/domain-error.js';
import { DomainError } from '../problems/domain-error.js';
import { StoredFileRepository } from '../store/persistence/stored-file.repository.js';
import { SourceCatalog } from '../storage/source-catalog.js';
import type { FileRef } from './bundle.js';
import { referenceProblems } from './reference-problems.js';

/** A reference's problem: which one (from 0), which field, and why. */
export interface FileRefProblem {
  readonly index: number;
  readonly field: 'src' | 'dst';
  readonly detail: string;
}

/** Listing every error of a 10,000-file request would bury the first ones. */
const MAX_REPORTED = 50;
const CHUNK = 500;

/** Checks references when they are submitted, so that downloads never meet a bad one. */
@Injectable()
export class FileRefsValidator {
  private readonly checkSource = (src: string) => this.sources.check(src);

  constructor(
    private readonly sources: SourceCatalog,
    private readonly storedFiles: StoredFileRepository,
  ) {}

  /**
   * Throws VALIDATION_FAILED with the first MAX_REPORTED problems, as JSON
   * Pointers under `pointerBase`; see `check` for what is checked and returned.
   */
  async assertValid(files: readonly FileRef[], owner: string | null, pointerBase = '/files'): Promise<FileRef[]> {
    const { problems, files: kept } = await this.check(files, owner, MAX_REPORTED);
    if (problems.length > 0) {
      const errors: FieldError[] = problems.map((p) => ({ pointer: `${pointerBase}/${p.index}/${p.field}`, detail: p.detail }));
      throw new DomainError('VALIDATION_FAILED', `${errors.length === MAX_REPORTED ? 'At least ' : ''}${errors.length} file reference(s) are not valid`, { errors });
    }
    return kept;
  }

  /**
   * The first `maxProblems` problems, in order, and the references to keep: a
   * stored file without `dst` takes its uploaded name. Yields to other requests
   * every CHUNK references: a 10,000-file list must not hold the event loop. A
   * `store://` file must belong to `owner` (the API key behind the request or
   * bundle; none may name stored files when null).
   */
  async check(files: readonly FileRef[], owner: string | null, maxProblems: number): Promise<{ problems: FileRefProblem[]; files: FileRef[] }> {
    const problems: FileRefProblem[] = [];
    const stored = new Map<string, number[]>();
    for (let i = 0; i < files.length && problems.length < maxProblems; i++) {
      if (i > 0 && i % CHUNK === 0) await setImmediate();
      const { uri, problems: found } = referenceProblems(this.checkSource, files[i]);
      if (uri?.scheme === 'store') stored.set(uri.id, [...(stored.get(uri.id) ?? []), i]);
      for (const p of found) problems.push({ index: i, ...p });
    }
    const names = await this.storedNames([...stored.keys()], owner);
    for (const [id, indexes] of stored) {
      if (names.has(id)) continue;
      for (const i of indexes) {
        if (problems.length < maxProblems) problems.push({ index: i, field: 'src', detail: `store://${id} is not a file of ${owner ? 'this API key' : 'any API key: bundles without an owner cannot name stored files'}` });
      }
    }
    problems.sort((a, b) => a.index - b.index);
    if (problems.length > 0 || stored.size === 0) return { problems, files: problems.length > 0 ? [] : [...files] };
    const kept = files.map((file) => {
      if (file.dst !== undefined || !file.src.toLowerCase().startsWith('store://')) return file;
      return { ...file, dst: names.get(file.src.slice('store://'.length).toLowerCase()) };
    });
    return { problems, files: kept };
  }

  private async storedNames(ids: string[], owner: string | null): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    if (owner === null) return names;
    for (let at = 0; at < ids.length; at += 1000) {
      for (const [id, name] of await this.storedFiles.namesOwned(ids.slice(at, at + 1000), owner)) names.set(id, name);
    }
    return names;
  }
}
