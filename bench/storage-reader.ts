// Child process of storage.bench.ts: reads one source and prints one JSON line, so
// that its RSS holds only the reader, not the servers the parent runs.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { request } from 'undici';
import { loadConfig, type StorageScheme } from '../src/config/app-config.js';
import { BlockListAddressPolicy } from '../src/storage/http/address-policy.js';
import { SystemHostResolver } from '../src/storage/http/host-resolver.js';
import { HttpStorageProvider } from '../src/storage/http/http.storage-provider.js';
import { LocalStorageProvider } from '../src/storage/local.storage-provider.js';
import { S3StorageProvider } from '../src/storage/s3/s3.storage-provider.js';
import { SourceCatalog } from '../src/storage/source-catalog.js';
import type { StorageProvider } from '../src/storage/storage-provider.js';
import { Storage } from '../src/storage/storage.js';
import { measure } from './support.js';

const [mode, target] = process.argv.slice(2);
const config = loadConfig({ ...process.env, HTTP_ALLOW_PRIVATE_NETWORKS: 'true' });
const local = new LocalStorageProvider(config);
const s3 = new S3StorageProvider(config);
const http = new HttpStorageProvider(config, new BlockListAddressPolicy(true), new SystemHostResolver());
const storage = new Storage(new SourceCatalog(config), new Map<StorageScheme, StorageProvider>([['file', local], ['s3', s3], ['http', http]]), config);

/** Each mode opens the same bytes; `raw-*` are the bare clients, without the provider. */
function opener(end?: number): () => Readable | Promise<Readable> {
  switch (mode) {
    case 'baseline':
      return () => createReadStream(target, { highWaterMark: 64 << 10, end });
    case 'raw-http':
      return async () => (await request(target, { headers: end === undefined ? {} : { range: `bytes=0-${end}` } })).body;
    case 'raw-s3': {
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(target)!;
      const client = new S3Client({ region: 'us-east-1', endpoint: config.storage.s3.endpoint, forcePathStyle: true, responseChecksumValidation: 'WHEN_REQUIRED' });
      return async () => (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: end === undefined ? undefined : `bytes=0-${end}` }))).Body as Readable;
    }
    default:
      return () => storage.open(target, { end });
  }
}

// Warm up: module loading, connection set-up and JIT are not per-stream costs.
await measure(opener((1 << 20) - 1));
const result = await measure(opener());
process.stdout.write(`${JSON.stringify(result)}\n`);
await http.onApplicationShutdown();
s3.onApplicationShutdown();
