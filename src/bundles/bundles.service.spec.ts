import { describe, expect, it } from '@jest/globals';
import { sha256 } from '../common/digest.js';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';
import type { Bundle } from './bundle.js';
import { BundlesService } from './bundles.service.js';
import type { FileRefsValidator } from './file-refs.validator.js';
import type { BundleRepository } from './persistence/bundle.repository.js';

const ID = '0b6f9d1e-3c2a-4e5f-8a7b-1c2d3e4f5a6b';
const SECRET = 'the-right-secret';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-06-01T00:00:00Z');
  }
}

/** A service over a one-bundle repository that logs every read it is asked for. */
function service() {
  const reads: string[] = [];
  const bundle = { id: ID, secretHash: sha256(SECRET), expiresAt: new Date('2027-01-01T00:00:00Z') } as Bundle;
  const repo = {
    secretHash: async (id: string) => {
      reads.push('secretHash');
      return id === ID ? bundle.secretHash : null;
    },
    findById: async (id: string) => {
      reads.push('findById');
      return id === ID ? bundle : null;
    },
  } as unknown as BundleRepository;
  return { svc: new BundlesService(repo, {} as FileRefsValidator, {} as AppConfig, new FixedClock()), reads };
}

describe('BundlesService.authorize', () => {
  it('does the same work for an unknown id and for a wrong secret, and answers the same', async () => {
    const unknown = service();
    const wrong = service();
    const a = await unknown.svc.authorize('7e0c4b2a-1d3f-4a5b-9c8d-0e1f2a3b4c5d', SECRET).catch((e: unknown) => e);
    const b = await wrong.svc.authorize(ID, 'a-wrong-secret').catch((e: unknown) => e);
    expect(unknown.reads).toEqual(['secretHash']);
    expect(wrong.reads).toEqual(unknown.reads);
    for (const err of [a, b]) expect(err).toMatchObject({ code: 'BUNDLE_NOT_FOUND' });
    expect((a as DomainError).detail).toBe((b as DomainError).detail);
  });

  it('loads the bundle once the secret matches', async () => {
    const { svc, reads } = service();
    expect((await svc.authorize(ID, SECRET)).id).toBe(ID);
    expect(reads).toEqual(['secretHash', 'findById']);
  });
});
