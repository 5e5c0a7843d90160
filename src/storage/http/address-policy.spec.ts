import { describe, expect, it } from '@jest/globals';
import { BlockListAddressPolicy, embeddedIPv4 } from './address-policy.js';

describe('BlockListAddressPolicy', () => {
  const policy = new BlockListAddressPolicy(false);

  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '100.127.255.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:7f00:1::',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(policy.allows(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(policy.allows(address)).toBe(true);
  });

  it('allows private addresses only when configured to', () => {
    expect(new BlockListAddressPolicy(true).allows('127.0.0.1')).toBe(true);
    expect(new BlockListAddressPolicy(true).allows('not-an-ip')).toBe(false);
  });

  it('finds the IPv4 address inside IPv6 forms', () => {
    expect(embeddedIPv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIPv4('::ffff:c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIPv4('64:ff9b::c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIPv4('2606:4700::1111')).toBeUndefined();
  });
});
