import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { StorageError } from '../storage-error.js';
import type { AddressPolicy } from './address-policy.js';
import type { HostResolver } from './host-resolver.js';

type Connect = buildConnector.connector;
type ConnectOptions = buildConnector.Options;

/**
 * Resolves the host itself, keeps only addresses the policy allows, and connects
 * to that checked address literally. The check therefore sees the address really
 * connected to: a second, rebinding DNS answer is never used, and literal-IP hosts
 * (which skip DNS) are checked too. Every redirect hop comes through here again.
 */
export function guardedConnector(policy: AddressPolicy, resolver: HostResolver, connect: Connect): Connect {
  return (options: ConnectOptions, callback) => {
    const hostname = options.hostname.replace(/^\[|\]$/g, '');
    const candidates = isIP(hostname) ? Promise.resolve([{ address: hostname }]) : resolver.resolve(hostname);
    candidates.then(
      (addresses) => {
        const allowed = addresses.find((a) => policy.allows(a.address));
        if (!allowed) {
          // The addresses stay out of the message: it reaches clients and cover sheets.
          callback(new StorageError('SOURCE_FORBIDDEN', `${hostname} does not resolve to a public address`), null);
          return;
        }
        connect({ ...options, hostname: allowed.address, servername: options.servername ?? (isIP(hostname) ? undefined : hostname) }, callback);
      },
      (err: unknown) => {
        const code = (err as { code?: string }).code;
        const notFound = code === 'ENOTFOUND' || code === 'ENODATA';
        callback(notFound ? new StorageError('SOURCE_NOT_FOUND', `${hostname} does not resolve`) : (err as Error), null);
      },
    );
  };
}
