import { PROBLEM_CATALOG, type ProblemCode } from './problem-catalog.js';

/** One invalid member of a request, located by a JSON Pointer into the body or query. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
  /** For a spreadsheet's cell: its row number and column name (the pointer is then `/rows/<row>/<column>`). */
  readonly row?: number;
  readonly column?: string;
}

export interface DomainErrorOptions {
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** Services throw these; only the exception filter knows about HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string = PROBLEM_CATALOG[code].title,
    readonly options: DomainErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'DomainError';
  }
}
