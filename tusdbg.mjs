import * as tus from 'tus-js-client';
import { createReadStream, statSync } from 'node:fs';
const path = '/tmp/f50';
const upload = new tus.Upload(createReadStream(path), {
  endpoint: 'http://127.0.0.1:3911/v1/uploads',
  uploadSize: statSync(path).size,
  chunkSize: 7 * 1024 * 1024,
  headers: { Authorization: 'Bearer test-api-key-0123456789abcdef' },
  metadata: { filename: 'f50.bin', filetype: 'application/x-test' },
  retryDelays: [0, 100],
  onError: (e) => { console.error('error', e.message); process.exit(1); },
  onSuccess: () => { console.log('done', upload.url); },
});
upload.start();
