import { describe, expect, it } from '@jest/globals';
import type { buildConnector } from 'undici';
import { BlockListAddressPolicy } from './address-policy.js';
import { guardedConnector } from './guarded-connector.js';
import { HostResolver, type ResolvedAddress } from './host-resolver.js';

/** First a public answer, then loopback: the classic DNS rebinding sequence. */
class RebindingResolver extends HostResolver {
  calls = 0;
  async resolve(): Promise<ResolvedAddress[]> {
    this.calls += 1;
    return this.calls === 1 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
  }
}

function connectVia(resolver: HostResolver, hostname: string) {
  const dialled: { hostname: string; servername?: string | null }[] = [];
  // Records where it would connect and never opens a socket: no traffic leaves the test.
  const fake = ((options: buildConnector.Options, callback: buildConnector.Callback) => {
    dialled.push({ hostname: options.hostname, servername: options.servername });
    callback(new Error('fake connector'), null);
  }) as buildConnector.connector;
  const connect = guardedConnector(new BlockListAddressPolicy(false), resolver, fake);
  const outcome = new Promise<Error | null>((resolve) =>
    connect({ hostname, host: hostname, protocol: 'https:', port: '443' } as buildConnector.Options, (...args: [null, unknown] | [Error, null]) => resolve(args[0])),
  );
  return { dialled, outcome };
}

describe('guardedConnector', () => {
  it('checks the address actually dialled, so a rebinding second answer is refused', async () => {
    const resolver = new RebindingResolver();
    const first = connectVia(resolver, 'rebind.example');
    expect((await first.outcome)?.message).toBe('fake connector');
    expect(first.dialled).toEqual([{ hostname: '93.184.216.34', servername: 'rebind.example' }]);

    const second = connectVia(resolver, 'rebind.example');
    expect(await second.outcome).toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    expect(second.dialled).toEqual([]);
  });

  it('checks literal IP hosts, which never reach DNS', async () => {
    const resolver = new RebindingResolver();
    const attempt = connectVia(resolver, '[::ffff:169.254.169.254]');
    expect(await attempt.outcome).toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    expect(resolver.calls).toBe(0);
    expect(attempt.dialled).toEqual([]);
  });
});
