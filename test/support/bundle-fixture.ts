import type { Bundle } from '../../src/bundles/bundle.js';

/** A bundle as the repository returns it, for unit specs over fakes. */
export function testBundle(overrides: Partial<Bundle> = {}): Bundle {
  return {
    id: '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55',
    secretHash: Buffer.alloc(32),
    filename: 'b.zip',
    owner: null,
    public: false,
    fileCount: 2,
    compression: 'store',
    coverSheet: false,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2027-01-01T00:00:00Z'),
    layout: null,
    ...overrides,
  };
}
