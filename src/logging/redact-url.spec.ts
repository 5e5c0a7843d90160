import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './redact-url.js';

const ID = '3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55';

describe('redactUrl', () => {
  it('masks the secret segment of ZipStream routes', () => {
    expect(redactUrl(`/${ID}/s3cr3t/`)).toBe(`/${ID}/[redacted]/`);
    expect(redactUrl(`/${ID}/s3cr3t`)).toBe(`/${ID}/[redacted]`);
  });

  it('masks secret query parameters, however encoded, and keeps the rest', () => {
    expect(redactUrl('/v1/x?limit=5&token=abc&Secret=def&%74oken=ghi')).toBe('/v1/x?limit=5&token=[redacted]&Secret=[redacted]&%74oken=[redacted]');
  });

  it('masks credentials put in the query by mistake, whatever the parameter is called', () => {
    for (const name of ['access_token', 'x-bundle-secret', 'X-Bundle-Secret', 'token[]', 'token%5B%5D', 'api-key', 'X-Amz-Signature', 'password', 'Authorization']) {
      expect(redactUrl(`/v1/x?${name}=hunter2&limit=5`)).toBe(`/v1/x?${name}=[redacted]&limit=5`);
    }
  });

  it('leaves ordinary URLs alone', () => {
    expect(redactUrl(`/v1/bundles/${ID}/files?cursor=aTox`)).toBe(`/v1/bundles/${ID}/files?cursor=aTox`);
  });
});
