import { describe, expect, it } from '@jest/globals';
import { hostAllowed } from './host-rules.js';

describe('hostAllowed', () => {
  const rules = ['files.example.com', '*.cdn.example.net'];

  it('allows any host when no rule is set', () => {
    expect(hostAllowed('anything.org', [])).toBe(true);
  });

  it.each([
    ['files.example.com', true],
    ['FILES.example.com.', true],
    ['a.cdn.example.net', true],
    ['a.b.cdn.example.net', true],
    ['cdn.example.net', false],
    ['evilcdn.example.net', false],
    ['files.example.com.evil.org', false],
    ['example.com', false],
  ])('%s → %s', (host, allowed) => {
    expect(hostAllowed(host, rules)).toBe(allowed);
  });
});
