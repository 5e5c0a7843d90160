import { digestsEqual, sha256 } from '../common/digest.js';

/** A caller authenticated by API key; `keyId` is a digest prefix, safe to log and to count by. */
export interface ApiKeyPrincipal {
  readonly keyId: string;
}

/** The accepted keys, held only as SHA-256 digests. */
export class ApiKeys {
  constructor(
    private readonly hashes: readonly Buffer[],
    /** Shown at start-up in the embedded default only; never logged elsewhere. */
    readonly devKey: string | undefined,
  ) {}

  /** Compares against every key without stopping early, so timing tells nothing. */
  verify(presented: string): ApiKeyPrincipal | undefined {
    const digest = sha256(presented);
    let match: Buffer | undefined;
    for (const hash of this.hashes) if (digestsEqual(digest, hash)) match = hash;
    return match && { keyId: match.subarray(0, 6).toString('hex') };
  }
}
