import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Compression } from '../archive/compression.js';
import { AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { digestsEqual, sha256 } from '../common/digest.js';
import { paged } from '../common/pages.js';
import { DomainError } from '../problems/domain-error.js';
import type { Bundle, FileRef, IndexedFileRef } from './bundle.js';
import { sanitizeZipFilename } from './bundle-filename.js';
import { FileRefsValidator } from './file-refs.validator.js';
import { BundleRepository, type NewBundle, TooManyFilesError } from './persistence/bundle.repository.js';

export interface CreateBundleInput {
  readonly filename?: string;
  readonly public?: boolean;
  readonly compression?: Compression;
  readonly coverSheet?: boolean;
  readonly files: readonly FileRef[];
  readonly expiresAt?: Date;
  /** The API key creating it; null when created anonymously. */
  readonly owner: string | null;
}

export interface UpdateBundleInput {
  readonly filename?: string;
  readonly public?: boolean;
  readonly compression?: Compression;
  readonly coverSheet?: boolean;
  readonly expiresAt?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Compared against when the id is unknown, so a miss costs what a hit costs.
const NO_SECRET = sha256('no bundle has this secret');

@Injectable()
export class BundlesService {
  constructor(
    private readonly repo: BundleRepository,
    private readonly validator: FileRefsValidator,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateBundleInput): Promise<{ bundle: Bundle; secret: string }> {
    this.assertRequestSize(input.files.length);
    if (input.files.length > this.config.bundles.maxFilesPerBundle) throw this.tooMany(0);
    const files = await this.validator.assertValid(input.files, input.owner);
    const { bundle, secret } = this.draft(input, this.clock.now());
    return { bundle: await this.repo.insert(bundle, files), secret };
  }

  /**
   * A new bundle's row and its secret, its settings checked (VALIDATION_FAILED
   * for a bad expiry), not yet stored: `create` stores it with its files, an
   * import once every row was read and found valid.
   */
  draft(input: Omit<CreateBundleInput, 'files'>, now: Date): { bundle: NewBundle; secret: string } {
    const id = randomUUID();
    // 256 random bits need no slow hash: SHA-256 of such a secret cannot be brute-forced.
    const secret = randomBytes(32).toString('base64url');
    const bundle: NewBundle = {
      id,
      secretHash: sha256(secret),
      filename: sanitizeZipFilename(input.filename, id),
      owner: input.owner,
      public: input.public ?? false,
      compression: input.compression ?? this.config.archive.compression,
      coverSheet: input.coverSheet ?? true,
      createdAt: now,
      updatedAt: now,
      expiresAt: this.checkExpiry(input.expiresAt, now) ?? this.defaultExpiry(now),
    };
    return { bundle, secret };
  }

  /** Resolves the bundle a secret opens; unknown id and wrong secret are indistinguishable. */
  /**
   * An unknown id and a wrong secret cost the same: one read of the digest alone,
   * one constant-time comparison. Only a matching secret loads the bundle.
   */
  async authorize(id: string, secret: string): Promise<Bundle> {
    const hash = UUID.test(id) ? await this.repo.secretHash(id) : null;
    const matches = digestsEqual(sha256(secret), hash ?? NO_SECRET);
    const bundle = hash && matches ? await this.repo.findById(id) : null;
    if (!bundle) throw new DomainError('BUNDLE_NOT_FOUND');
    if (bundle.expiresAt <= this.clock.now()) {
      throw new DomainError('BUNDLE_EXPIRED', `The bundle expired at ${bundle.expiresAt.toISOString()}`);
    }
    return bundle;
  }

  /** For downloads opened by a link token or a public id: no secret, same 404/410 answers. */
  async findDownloadable(id: string): Promise<Bundle> {
    const bundle = UUID.test(id) ? await this.repo.findById(id) : null;
    if (!bundle) throw new DomainError('BUNDLE_NOT_FOUND');
    return this.unexpired(bundle);
  }

  /** The bundle itself, or BUNDLE_EXPIRED once its time is up. */
  unexpired(bundle: Bundle): Bundle {
    if (bundle.expiresAt <= this.clock.now()) {
      throw new DomainError('BUNDLE_EXPIRED', `The bundle expired at ${bundle.expiresAt.toISOString()}`);
    }
    return bundle;
  }

  /** Probes existence only for public bundles; others answer as if absent. */
  async findPublic(id: string): Promise<Bundle | undefined> {
    const bundle = UUID.test(id) ? await this.repo.findById(id) : null;
    return bundle?.public ? bundle : undefined;
  }

  async append(bundle: Bundle, files: readonly FileRef[]): Promise<Bundle> {
    this.assertRequestSize(files.length);
    const checked = await this.validator.assertValid(files, bundle.owner);
    try {
      const updated = await this.repo.appendFiles(bundle.id, checked, this.config.bundles.maxFilesPerBundle, this.clock.now());
      return updated ?? this.gone();
    } catch (err) {
      if (err instanceof TooManyFilesError) throw this.tooMany(err.current);
      throw err;
    }
  }

  /** Whether every file is in the service's own store (whose sizes and CRC-32s are known without reading). */
  onlyStoredFiles(bundle: Bundle): Promise<boolean> {
    return bundle.fileCount === 0 ? Promise.resolve(false) : this.repo.onlyStoredFiles(bundle.id);
  }

  async listFiles(bundle: Bundle, fromIndex: number, limit: number): Promise<IndexedFileRef[]> {
    return this.repo.listFiles(bundle.id, fromIndex, limit);
  }

  /** Every file of the bundle in order, a page at a time (see `paged`). */
  files(bundle: Bundle, maxPage = 1000): AsyncGenerator<IndexedFileRef> {
    return paged((from, limit) => this.repo.listFiles(bundle.id, from, limit), 0, bundle.fileCount, maxPage);
  }

  async update(bundle: Bundle, input: UpdateBundleInput): Promise<Bundle> {
    const now = this.clock.now();
    const changes = {
      ...(input.filename !== undefined ? { filename: sanitizeZipFilename(input.filename, bundle.id) } : {}),
      ...(input.public !== undefined ? { public: input.public } : {}),
      ...(input.compression !== undefined ? { compression: input.compression } : {}),
      ...(input.coverSheet !== undefined ? { coverSheet: input.coverSheet } : {}),
      ...(input.expiresAt !== undefined ? { expiresAt: this.checkExpiry(input.expiresAt, now) } : {}),
    };
    return (await this.repo.update(bundle.id, changes, now)) ?? this.gone();
  }

  async delete(bundle: Bundle): Promise<void> {
    if (!(await this.repo.delete(bundle.id))) this.gone();
  }

  private assertRequestSize(count: number): void {
    const max = this.config.bundles.maxFilesPerRequest;
    if (count > max) {
      throw new DomainError('TOO_MANY_FILES', `A request may carry at most ${max} files; this one has ${count}. Append the rest in further requests.`);
    }
  }

  private tooMany(current: number): DomainError {
    return new DomainError('TOO_MANY_FILES', `A bundle may hold at most ${this.config.bundles.maxFilesPerBundle} files; this one holds ${current}.`);
  }

  private checkExpiry(expiresAt: Date | undefined, now: Date): Date | undefined {
    if (expiresAt === undefined) return undefined;
    const latest = now.getTime() + this.config.bundles.maxLifetimeMinutes * 60_000;
    const error = (detail: string) => new DomainError('VALIDATION_FAILED', detail, { errors: [{ pointer: '/expiresAt', detail }] });
    if (expiresAt.getTime() <= now.getTime()) throw error('must be in the future');
    if (expiresAt.getTime() > latest) throw error(`must be at most ${this.config.bundles.maxLifetimeMinutes} minutes from now`);
    return expiresAt;
  }

  private defaultExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.bundles.lifetimeMinutes * 60_000);
  }

  /** The bundle was deleted between authorisation and the write. */
  private gone(): never {
    throw new DomainError('BUNDLE_NOT_FOUND');
  }
}
