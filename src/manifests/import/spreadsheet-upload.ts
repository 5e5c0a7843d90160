import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../../problems/domain-error.js';
import { parseSourceUri } from '../../storage/source-uri.js';
import { eachFilePart } from '../../store/multipart-files.js';
import { StoredFileRepository } from '../../store/persistence/stored-file.repository.js';
import { bodyOf } from '../../store/refused-body.js';
import { StoreStorageProvider } from '../../store/store.storage-provider.js';
import { ImportSpool } from './import-spool.js';

const MAX_JSON_BYTES = 64 * 1024;

export interface ReceivedSpreadsheet {
  readonly path: string;
  /** Its own name, when the request gave one (a form's file name, or the stored file's). */
  readonly name: string | undefined;
}

/**
 * The spreadsheet of an import request, spooled: the raw body, the first file
 * of a multipart/form-data body, or with a JSON body `{"from": "store://<id>"}`
 * a file of the service's store (which must belong to `owner`).
 */
@Injectable()
export class SpreadsheetUpload {
  constructor(
    private readonly spool: ImportSpool,
    private readonly storedFiles: StoredFileRepository,
    private readonly store: StoreStorageProvider,
  ) {}

  async receive(req: Request, owner: string | null): Promise<ReceivedSpreadsheet> {
    const type = req.header('content-type') ?? '';
    if (/^application\/([\w.+-]+\+)?json\b/i.test(type)) return this.fromStore(await jsonBody(req), owner);
    if (/^multipart\/form-data\b/i.test(type)) {
      const [received] = await eachFilePart(req, 1, async (part) => ({ path: await this.spool.write(part.body), name: part.filename }));
      if (!received) throw new DomainError('IMPORT_INVALID', 'The form has no file part: send the spreadsheet as a file field');
      return received;
    }
    const declared = req.header('content-length');
    this.spool.assertFits(declared === undefined ? undefined : Number(declared));
    return { path: await this.spool.write(bodyOf(req)), name: undefined };
  }

  private async fromStore(request: unknown, owner: string | null): Promise<ReceivedSpreadsheet> {
    const from = (request as { from?: unknown } | null)?.from;
    const bad = (detail: string) => new DomainError('VALIDATION_FAILED', detail, { errors: [{ pointer: '/from', detail }] });
    if (typeof from !== 'string') throw bad('must be "store://<id>" of a stored CSV or XLSX (or send the spreadsheet itself as the body)');
    let id: string;
    try {
      const uri = parseSourceUri(from);
      if (uri.scheme !== 'store') throw new Error('not store');
      id = uri.id;
    } catch {
      throw bad('must be "store://<id>"');
    }
    const file = await this.storedFiles.find(id);
    if (!file || owner === null || file.owner !== owner) throw new DomainError('FILE_NOT_FOUND', `store://${id} is not a file of ${owner ? 'this API key' : 'any API key'}`);
    const stop = new AbortController();
    const { body } = await this.store.openRange({ scheme: 'store', id: file.id }, { start: 0, signal: stop.signal });
    try {
      return { path: await this.spool.write(body), name: file.name };
    } finally {
      stop.abort();
    }
  }
}

async function jsonBody(req: Request): Promise<unknown> {
  let text = '';
  for await (const chunk of bodyOf(req)) {
    text += chunk.toString('utf8');
    if (text.length > MAX_JSON_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', `A JSON import request is at most ${MAX_JSON_BYTES} bytes: {"from": "store://<id>"}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The body is not valid JSON');
  }
}
