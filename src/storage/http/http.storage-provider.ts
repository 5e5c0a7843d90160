import { isIP } from 'node:net';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { AppConfig } from '../../config/app-config.js';
import { errorForStatus, StorageError } from '../storage-error.js';
import { type OpenedRange, type RangeRequest, type SourceStat, StorageProvider } from '../storage-provider.js';
import type { SourceUri } from '../source-uri.js';
import { AddressPolicy } from './address-policy.js';
import { guardedConnector } from './guarded-connector.js';
import { HostResolver } from './host-resolver.js';
import { hostAllowed } from './host-rules.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
  readonly url: URL;
}

/** `http://` and `https://` sources, SSRF-safe: see guardedConnector. */
@Injectable()
export class HttpStorageProvider extends StorageProvider implements OnApplicationShutdown {
  readonly scheme = 'http' as const;
  private readonly agent: Agent;

  constructor(
    private readonly config: AppConfig,
    policy: AddressPolicy,
    resolver: HostResolver,
  ) {
    super();
    const http = config.storage.http;
    const connect = buildConnector({ timeout: http.connectTimeoutMs });
    this.agent = new Agent({
      connect: guardedConnector(policy, resolver, connect),
      connections: config.storage.concurrency,
      headersTimeout: http.headersTimeoutMs,
      bodyTimeout: config.storage.idleTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  async stat(uri: SourceUri, signal?: AbortSignal): Promise<SourceStat> {
    const answer = await this.fetch(uri, 'HEAD', {}, signal);
    answer.body.resume();
    if (answer.statusCode >= 400) throw errorForStatus(answer.statusCode, label(uri));
    const length = header(answer, 'content-length');
    const modified = header(answer, 'last-modified');
    return {
      size: length === undefined ? undefined : Number(length),
      etag: header(answer, 'etag'),
      lastModified: modified ? new Date(modified) : undefined,
      contentType: header(answer, 'content-type'),
    };
  }

  async openRange(uri: SourceUri, req: RangeRequest): Promise<OpenedRange> {
    const ranged = req.start > 0 || req.end !== undefined;
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    if (ranged) headers.range = `bytes=${req.start}-${req.end ?? ''}`;
    // Only a strong ETag can be a precondition; a weak one is still compared on the answer.
    if (req.etag && !req.etag.startsWith('W/')) headers['if-match'] = req.etag;
    const answer = await this.fetch(uri, 'GET', headers, req.signal);
    const what = label(uri);
    if (answer.statusCode >= 400) {
      answer.body.resume();
      throw errorForStatus(answer.statusCode, what);
    }
    const etag = header(answer, 'etag');
    if (answer.statusCode === 200) {
      if (ranged) {
        answer.body.destroy();
        throw new StorageError('SOURCE_UNAVAILABLE', `${what} ignores Range requests, so parts of it cannot be read or resumed`);
      }
      const length = header(answer, 'content-length');
      return { body: answer.body, etag, objectSize: length === undefined ? undefined : Number(length) };
    }
    if (answer.statusCode !== 206) {
      answer.body.resume();
      throw new StorageError('SOURCE_UNAVAILABLE', `${what} answered HTTP ${answer.statusCode}`);
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(answer, 'content-range') ?? '');
    if (!range || Number(range[1]) !== req.start) {
      answer.body.destroy();
      throw new StorageError('SOURCE_UNAVAILABLE', `${what} answered a range other than the one asked for`);
    }
    return { body: answer.body, etag, objectSize: range[3] === '*' ? undefined : Number(range[3]) };
  }

  async checkHealth(): Promise<Record<string, unknown>> {
    return {};
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }

  /** One request, following at most HTTP_MAX_REDIRECTS redirects, each checked afresh. */
  private async fetch(uri: SourceUri, method: 'GET' | 'HEAD', headers: Record<string, string>, signal?: AbortSignal): Promise<Answer> {
    if (uri.scheme !== 'http') throw new Error(`not an HTTP source: ${uri.scheme}`);
    let url = uri.url;
    for (let hop = 0; ; hop++) {
      this.assertUrlAllowed(url);
      const answer = await request(url, { method, headers, signal, dispatcher: this.agent });
      const location = header(answer, 'location');
      if (!REDIRECTS.has(answer.statusCode) || location === undefined) return { ...answer, url };
      answer.body.resume();
      if (hop >= this.config.storage.http.maxRedirects) {
        throw new StorageError('SOURCE_UNAVAILABLE', `${label(uri)} redirects more than ${this.config.storage.http.maxRedirects} times`);
      }
      url = new URL(location, url);
    }
  }

  private assertUrlAllowed(url: URL): void {
    const rules = this.config.storage.http;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new StorageError('SOURCE_FORBIDDEN', `${url.protocol} is not an HTTP scheme`);
    }
    if (url.username || url.password) throw new StorageError('SOURCE_FORBIDDEN', 'URLs with credentials are refused');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !rules.allowIpLiterals) throw new StorageError('SOURCE_FORBIDDEN', `literal IP hosts are refused (${host})`);
    if (!hostAllowed(host, rules.allowedHosts)) throw new StorageError('SOURCE_FORBIDDEN', `${host} is not in HTTP_ALLOWED_HOSTS`);
  }
}

function header(answer: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function label(uri: SourceUri): string {
  return uri.scheme === 'http' ? `${uri.url.origin}${uri.url.pathname}` : uri.scheme;
}
