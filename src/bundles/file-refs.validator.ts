import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { entryPathProblem } from '../archive/entry-path.js';
import type { FieldError } from '../problems/domain-error.js';
import { DomainError } from '../problems/domain-error.js';
import { StoredFileRepository } from '../store/persistence/stored-file.repository.js';
import { SourceCatalog } from '../storage/source-catalog.js';
import { InvalidSourceError } from '../storage/source-uri.js';
import type { FileRef } from './bundle.js';

/** Listing every error of a 10,000-file request would bury the first ones. */
const MAX_REPORTED = 50;
const CHUNK = 500;

/** Checks references when they are submitted, so that downloads never meet a bad one. */
@Injectable()
export class FileRefsValidator {
  constructor(
    private readonly sources: SourceCatalog,
    private readonly storedFiles: StoredFileRepository,
  ) {}

  /**
   * Yields to other requests every CHUNK references: a 10,000-file list must not
   * hold the event loop. A `store://` file must belong to `owner` (the API key
   * behind the request or bundle; none may name stored files when null). Returns
   * the references to keep: a stored file without `dst` takes its uploaded name.
   */
  async assertValid(files: readonly FileRef[], owner: string | null, pointerBase = '/files'): Promise<FileRef[]> {
    const errors: FieldError[] = [];
    const stored = new Map<string, number[]>();
    for (let i = 0; i < files.length && errors.length < MAX_REPORTED; i++) {
      if (i > 0 && i % CHUNK === 0) await setImmediate();
      const { src, dst } = files[i];
      try {
        const uri = this.sources.check(src);
        if (uri.scheme === 'store') stored.set(uri.id, [...(stored.get(uri.id) ?? []), i]);
      } catch (err) {
        if (!(err instanceof InvalidSourceError)) throw err;
        errors.push({ pointer: `${pointerBase}/${i}/src`, detail: err.message });
      }
      const dstProblem = dst === undefined ? undefined : entryPathProblem(dst);
      if (dstProblem) errors.push({ pointer: `${pointerBase}/${i}/dst`, detail: dstProblem });
    }
    const names = await this.storedNames([...stored.keys()], owner);
    for (const [id, indexes] of stored) {
      if (names.has(id)) continue;
      for (const i of indexes) {
        if (errors.length < MAX_REPORTED) errors.push({ pointer: `${pointerBase}/${i}/src`, detail: `store://${id} is not a file of ${owner ? 'this API key' : 'any API key: bundles without an owner cannot name stored files'}` });
      }
    }
    if (errors.length > 0) {
      errors.sort((a, b) => indexOf(a.pointer) - indexOf(b.pointer));
      throw new DomainError('VALIDATION_FAILED', `${errors.length === MAX_REPORTED ? 'At least ' : ''}${errors.length} file reference(s) are not valid`, { errors });
    }
    if (stored.size === 0) return [...files];
    return files.map((file) => {
      if (file.dst !== undefined || !file.src.toLowerCase().startsWith('store://')) return file;
      return { ...file, dst: names.get(file.src.slice('store://'.length).toLowerCase()) };
    });
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

function indexOf(pointer: string): number {
  return Number(/\/(\d+)\//.exec(pointer)?.[1] ?? 0);
}
