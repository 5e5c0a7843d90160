import type { Server } from 'node:http';
import type { AppConfig } from '../config/app-config.js';

/** How often Node looks for requests over their headers timeout (its default, 30 s, adds up to that much). */
const CHECK_EVERY_MS = 1000;

/**
 * How long the service waits on its clients. A request has no deadline as a
 * whole (Node's default of 5 minutes cut every larger upload): a body may take
 * as long as it keeps moving. What ends a stalled client, uploading or
 * downloading, is a connection that moves no byte for `idleTimeoutMs`; that
 * frees whatever it held (a stream slot, a source, an upload's temporary file).
 * Set before the server listens.
 */
export function applyClientTimeouts(server: Server, http: AppConfig['http']): void {
  server.requestTimeout = 0;
  server.headersTimeout = http.headersTimeoutMs;
  // A constructor option in Node's types, but read from the server when it starts listening (the 408 test holds it to that).
  Object.assign(server, { connectionsCheckingInterval: CHECK_EVERY_MS });
  // With no 'timeout' listener on the server, request or response, Node destroys the socket.
  server.timeout = http.idleTimeoutMs;
  server.keepAliveTimeout = http.keepAliveTimeoutMs;
}
