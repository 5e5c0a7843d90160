/** Domain types: what services and controllers work with, free of TypeORM. */
export interface FileRef {
  readonly src: string;
  readonly dst?: string;
}

export interface IndexedFileRef extends FileRef {
  readonly index: number;
}

export interface Bundle {
  readonly id: string;
  readonly secretHash: Buffer;
  readonly filename: string;
  readonly public: boolean;
  readonly fileCount: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
}

export interface BundleChanges {
  readonly filename?: string;
  readonly public?: boolean;
  readonly expiresAt?: Date;
}
