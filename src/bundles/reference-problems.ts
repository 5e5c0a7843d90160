import { entryPathProblem } from '../archive/entry-path.js';
import { InvalidSourceError, type SourceUri } from '../storage/source-uri.js';
import type { FileRef } from './bundle.js';

/** A problem of one reference, by field. */
export interface ReferenceProblem {
  readonly field: 'src' | 'dst';
  readonly detail: string;
}

/**
 * What can be wrong with one reference without asking the database: its source
 * (as `check`, the source catalog's rule, finds it) and its entry path. Also the
 * parsed source when it is valid. The spreadsheet import checks its rows with
 * this same function, in its parser's thread.
 */
export function referenceProblems(check: (src: string) => SourceUri, { src, dst }: FileRef): { uri: SourceUri | undefined; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  let uri: SourceUri | undefined;
  try {
    uri = check(src);
  } catch (err) {
    if (!(err instanceof InvalidSourceError)) throw err;
    problems.push({ field: 'src', detail: err.message });
  }
  const dstProblem = dst === undefined ? undefined : entryPathProblem(dst);
  if (dstProblem) problems.push({ field: 'dst', detail: dstProblem });
  return { uri, problems };
}
