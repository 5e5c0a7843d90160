import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { DomainError } from '../problems/domain-error.js';
import { StreamLimiter } from './stream-limiter.js';

describe('StreamLimiter', () => {
  const limiter = () => new StreamLimiter(loadConfig({ ARCHIVE_MAX_STREAMS: '3', ARCHIVE_MAX_STREAMS_PER_KEY: '2', ARCHIVE_RETRY_AFTER_SECONDS: '7' }));

  it('caps per key and in all, answering 503 with Retry-After, and frees slots once', () => {
    const l = limiter();
    const a1 = l.acquire('a');
    l.acquire('a');
    const refused = (() => {
      try {
        l.acquire('a');
      } catch (err) {
        return err as DomainError;
      }
    })();
    expect(refused).toMatchObject({ code: 'SERVICE_UNAVAILABLE', options: { headers: { 'Retry-After': '7' } } });
    l.acquire(undefined);
    expect(() => l.acquire('b')).toThrow(/3 archives are streaming/);
    a1();
    a1(); // a second release must not free a second slot
    expect(l.activeStreams).toBe(2);
    l.acquire('b');
    expect(() => l.acquire('b')).toThrow(DomainError);
  });
});
