import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { DomainError } from '../problems/domain-error.js';

/** One file part of a multipart/form-data body, its bytes still arriving. */
export interface FilePart {
  readonly field: string;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
  readonly body: Readable;
}

/**
 * Hands each file part of a form to `take`, one after the other, as its bytes
 * arrive. @fastify/busboy holds back the request while a part's stream is not
 * read (the upstream busboy did not: busboy #375), so a slow store slows the
 * client instead of filling memory. Text fields are ignored. Resolves with what
 * `take` returned for each part; rejects on the first failure, with the request
 * no longer read (what `take` did for earlier parts is the caller's to undo).
 */
export async function eachFilePart<T>(req: IncomingMessage, maxFiles: number, take: (part: FilePart) => Promise<T>): Promise<T[]> {
  let parser: BusboyInstance;
  try {
    parser = new Busboy({ headers: req.headers as BusboyHeaders, limits: { files: maxFiles, fields: 100, fieldSize: 64 * 1024, parts: maxFiles + 100, headerPairs: 100 } });
  } catch (err) {
    throw new DomainError('VALIDATION_FAILED', `The multipart body cannot be read: ${(err as Error).message}`);
  }
  const results: Promise<T>[] = [];
  let current: Readable | undefined;
  let failure: unknown;
  const fail = (err: unknown) => {
    failure ??= err;
    const error = err instanceof Error ? err : new Error(String(err));
    current?.destroy(error);
    // Not the request: the caller may still read (and drop) the rest, so that the client sees the answer.
    req.unpipe(parser);
    parser.destroy(error);
  };
  parser.on('file', (field, stream, filename, _encoding, mimeType) => {
    if (failure) return stream.resume();
    current = stream;
    const result = take({ field, filename: filename || undefined, contentType: mimeType || undefined, body: stream });
    result.catch(fail);
    results.push(result);
  });
  parser.on('filesLimit', () => fail(new DomainError('VALIDATION_FAILED', `At most ${maxFiles} files per request (STORE_MAX_FILES_PER_UPLOAD)`)));
  await new Promise<void>((resolve) => {
    parser.once('finish', resolve);
    parser.once('close', resolve);
    parser.once('error', (err: Error) => {
      fail(err instanceof DomainError ? err : new DomainError('VALIDATION_FAILED', `The multipart body cannot be read: ${err.message}`, { cause: err }));
      resolve();
    });
    req.once('close', () => {
      if (!req.complete) fail(new Error('the client went away mid-upload'));
      resolve();
    });
    req.pipe(parser);
  });
  const settled = await Promise.allSettled(results);
  if (failure) throw failure;
  const rejected = settled.find((s) => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  if (results.length === 0) throw new DomainError('VALIDATION_FAILED', 'The form has no file part');
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
