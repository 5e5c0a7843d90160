import { Injectable, Logger } from '@nestjs/common';
import type { NewBundle } from '../../bundles/persistence/bundle.repository.js';
import { FileRefsValidator } from '../../bundles/file-refs.validator.js';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import type { ImportRecord } from './import-record.js';
import { checkStoredRows } from './import-rows-check.js';
import { ManifestParser } from './manifest-parser.js';
import { ImportRefusal, type RowError } from './parsing/imported-row.js';
import { type ImportOutcome, ImportRepository } from './persistence/import.repository.js';

/** The most row errors an import reports: enough to fix a file, few enough to read. */
export const MAX_ROW_ERRORS = 100;

export class ImportStopped extends Error {}

/**
 * Runs one import: the parser's batches, checked as the JSON API checks
 * references (the parser does all but the stored files' checks, which need the
 * database), are staged in the database; once the whole file was read and
 * found valid, the staged rows move into the bundle in one transaction. Any
 * invalid row, or any failure, leaves the bundle as it was.
 */
@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    private readonly repo: ImportRepository,
    private readonly parser: ManifestParser,
    private readonly validator: FileRefsValidator,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `room`: how many files the bundle may still take (checked again when the rows move in). */
  async run(record: ImportRecord, path: string, create: NewBundle | null, room: number, signal: AbortSignal): Promise<ImportOutcome> {
    const { id } = record;
    let rowsRead = 0;
    try {
      await this.report(id, rowsRead);
      const errors: RowError[] = [];
      for await (const batch of this.parser.batches(path)) {
        if (signal.aborted) throw new ImportStopped(String(signal.reason));
        rowsRead += batch.rows;
        if (rowsRead > room) return await this.fail(id, rowsRead, 'TOO_MANY_FILES', `The bundle may take ${room} more files (MAX_FILES_PER_BUNDLE); the spreadsheet has more rows than that`);
        const stored = await checkStoredRows(this.validator, batch.stored, record.owner, MAX_ROW_ERRORS);
        errors.push(...batch.errors, ...stored.errors);
        errors.sort((a, b) => a.row - b.row);
        errors.splice(MAX_ROW_ERRORS);
        if (errors.length >= MAX_ROW_ERRORS) break;
        if (errors.length === 0) await this.repo.stage(id, batch.plain, stored.refs);
        await this.report(id, rowsRead);
      }
      if (errors.length > 0) {
        const detail = `${errors.length >= MAX_ROW_ERRORS ? `At least ${MAX_ROW_ERRORS}` : errors.length} row(s) are not valid file references (the first: row ${errors[0].row}, ${errors[0].column}: ${errors[0].reason}); nothing was imported`;
        return await this.fail(id, rowsRead, 'IMPORT_INVALID', detail, errors);
      }
      return await this.commit(record, rowsRead, create);
    } catch (err) {
      if (err instanceof ImportRefusal) return this.fail(id, rowsRead, err.code, err.detail, err.errors);
      if (err instanceof ImportStopped) return this.fail(id, rowsRead, 'SERVICE_UNAVAILABLE', 'The service stopped during the import; send it again');
      this.logger.error({ err, import: id }, 'import failed');
      return this.fail(id, rowsRead, 'INTERNAL_ERROR', 'The import failed; nothing was imported');
    }
  }

  /** Records how far the import got; stops it if it was failed as stale meanwhile (it keeps that outcome). */
  private async report(id: string, rowsRead: number): Promise<void> {
    if (!(await this.repo.progress(id, { state: 'running', rowsRead }, this.clock.now()))) throw new ImportStopped('failed as stale');
  }

  private async commit(record: ImportRecord, rows: number, draft: NewBundle | null): Promise<ImportOutcome> {
    const now = this.clock.now();
    const create = draft && { ...draft, createdAt: now, updatedAt: now };
    const result = await this.repo.commit(record, rows, create, this.config.bundles.maxFilesPerBundle, now);
    if ('committed' in result) return { state: 'succeeded', rowsRead: rows, rowsImported: rows, errors: [], problem: null };
    if (result.refused === 'stopped') return this.fail(record.id, rows, 'SERVICE_UNAVAILABLE', 'The import was found stale and stopped; send it again');
    if (result.refused === 'gone') return this.fail(record.id, rows, 'BUNDLE_NOT_FOUND', 'The bundle was deleted during the import');
    return this.fail(record.id, rows, 'TOO_MANY_FILES', `A bundle may hold at most ${this.config.bundles.maxFilesPerBundle} files; this one holds ${result.current}`);
  }

  private async fail(id: string, rowsRead: number, code: NonNullable<ImportOutcome['problem']>['code'], detail: string, errors: readonly RowError[] = []): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { state: 'failed', rowsRead, rowsImported: null, errors, problem: { code, detail } };
    await this.repo.finish(id, outcome, this.clock.now());
    return outcome;
  }
}
