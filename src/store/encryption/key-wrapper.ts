import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { IntegrityError } from './segment-format.js';

/** A file's data key as stored beside its metadata: wrapped by the master key `kid`. */
export interface SealedKey {
  readonly kid: string;
  readonly wrapped: Buffer;
}

/**
 * The port for master-key operations: wrapping a file's data key and opening
 * it again. Only this side knows the master keys (a KMS adapter would keep
 * them out of the process altogether).
 */
export abstract class KeyWrapper {
  /** The key new files are wrapped with; undefined when encryption is off. */
  abstract readonly currentKid: string | undefined;
  abstract has(kid: string): boolean;
  abstract wrap(dataKey: Buffer, fileId: string): Promise<SealedKey>;
  abstract unwrap(sealed: SealedKey, fileId: string): Promise<Buffer>;
}

export interface MasterKey {
  readonly kid: string;
  readonly key: Buffer;
}

/** Master keys from STORE_ENCRYPTION_KEYS: AES-256-GCM over the data key, bound to its file and key id. */
export class LocalKeyWrapper extends KeyWrapper {
  readonly currentKid: string | undefined;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly MasterKey[]) {
    super();
    this.keys = new Map(keys.map((k) => [k.kid, k.key]));
    this.currentKid = keys[0]?.kid;
  }

  has(kid: string): boolean {
    return this.keys.has(kid);
  }

  async wrap(dataKey: Buffer, fileId: string): Promise<SealedKey> {
    const kid = this.currentKid;
    if (kid === undefined) throw new Error('encryption is off: no master key to wrap with');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(kid)!, iv).setAAD(context(kid, fileId));
    const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return { kid, wrapped: sealed };
  }

  async unwrap(sealed: SealedKey, fileId: string): Promise<Buffer> {
    const master = this.keys.get(sealed.kid);
    if (!master) throw new Error(`master key ${sealed.kid} is not in STORE_ENCRYPTION_KEYS`);
    const { wrapped } = sealed;
    if (wrapped.length !== 12 + 32 + 16) throw new IntegrityError(`the data key of ${fileId} has ${wrapped.length} bytes`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12)).setAAD(context(sealed.kid, fileId));
      decipher.setAuthTag(wrapped.subarray(44));
      return Buffer.concat([decipher.update(wrapped.subarray(12, 44)), decipher.final()]);
    } catch {
      throw new IntegrityError(`the data key of ${fileId} does not open under master key ${sealed.kid}`);
    }
  }
}

function context(kid: string, fileId: string): Buffer {
  return Buffer.from(`bundlestream data key v1 ${kid} ${fileId}`, 'utf8');
}

/** The master keys from the settings (a KMS adapter would be chosen here). */
export const keyWrapperProvider: FactoryProvider<KeyWrapper> = {
  provide: KeyWrapper,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new LocalKeyWrapper(config.store.encryptionKeys),
};
