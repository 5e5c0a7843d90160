import type { Compression } from '../../archive/compression.js';
import type { ProblemCode } from '../../problems/problem-catalog.js';
import type { RowError } from './parsing/imported-row.js';

export type ImportState = 'queued' | 'running' | 'succeeded' | 'failed';
export type ImportKind = 'create' | 'append';

/** The settings of the bundle an import creates (as `POST /v1/bundles` takes them). */
export interface NewBundleSettings {
  readonly filename?: string;
  readonly public?: boolean;
  readonly compression?: Compression;
  readonly coverSheet?: boolean;
  readonly expiresAt?: string;
}

/** An import: a spreadsheet's rows on their way into a bundle, all or none. */
export interface ImportRecord {
  readonly id: string;
  readonly kind: ImportKind;
  /** The bundle appended to, or the one the import creates (which exists only once it succeeded). */
  readonly bundleId: string;
  /** Of the bundle's secret: it opens the import too. */
  readonly secretHash: Buffer;
  readonly owner: string | null;
  readonly settings: NewBundleSettings | null;
  readonly state: ImportState;
  readonly rowsRead: number;
  readonly rowsImported: number | null;
  readonly errors: readonly RowError[];
  readonly problem: { readonly code: ProblemCode; readonly detail: string } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}
