import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import type { paths } from './generated/openapi.js';
import { createTestApp, TEST_API_KEY, type TestApp } from './support/test-app.js';

const TYPES_FILE = new URL('./generated/openapi.d.ts', import.meta.url);

describe('OpenAPI document', () => {
  let t: TestApp;
  let baseUrl: string;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    document = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as Record<string, unknown>;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.openapi).toMatch(/^3\./);
  });

  it('documents security schemes, and problem+json answers on every operation', () => {
    const components = document.components as { securitySchemes: Record<string, unknown> };
    expect(Object.keys(components.securitySchemes).sort()).toEqual(['apiKey', 'bundleSecret']);
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    for (const [path, operations] of Object.entries(paths)) {
      if (path.startsWith('/health/live') || path === '/metrics' || path === '/problems') continue;
      for (const [method, op] of Object.entries(operations)) {
        const problem = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        expect([`${method} ${path}`, problem.length > 0]).toEqual([`${method} ${path}`, true]);
        for (const [, response] of problem) expect(Object.keys(response.content ?? {})).toContain('application/problem+json');
      }
    }
  });

  it('matches the committed client types (regenerate with UPDATE_OPENAPI_TYPES=1)', async () => {
    const generated = `// Generated from the served /docs/openapi.json by test/openapi.e2e-spec.ts. Do not edit.\n${astToString(await openapiTS(structuredClone(document) as never, { defaultNonNullable: false }))}`;
    if (process.env.UPDATE_OPENAPI_TYPES === '1') await writeFile(TYPES_FILE, generated);
    expect(generated).toBe(await readFile(TYPES_FILE, 'utf8'));
  });

  it('drives the bundle API through a client typed from the document', async () => {
    const client = createClient<paths>({ baseUrl });
    const created = await client.POST('/v1/bundles', {
      headers: { Authorization: `Bearer ${TEST_API_KEY}` },
      body: { filename: 'typed.zip', files: [{ src: 's3://typed-bucket/a.txt', dst: 'a.txt' }] },
    });
    expect(created.response.status).toBe(201);
    const { id, secret } = created.data!;
    const headers = { 'X-Bundle-Secret': secret };

    const read = await client.GET('/v1/bundles/{id}', { params: { path: { id } }, headers });
    expect(read.data).toMatchObject({ id, filename: 'typed.zip', fileCount: 1 });

    const appended = await client.POST('/v1/bundles/{id}/files', { params: { path: { id } }, headers, body: { files: [{ src: 'https://example.com/b' }] } });
    expect(appended.data?.fileCount).toBe(2);

    const page = await client.GET('/v1/bundles/{id}/files', { params: { path: { id }, query: { limit: 1 } }, headers });
    expect(page.data?.items).toEqual([{ index: 0, src: 's3://typed-bucket/a.txt', dst: 'a.txt' }]);
    expect(page.data?.nextCursor).toEqual(expect.any(String));

    const patched = await client.PATCH('/v1/bundles/{id}', { params: { path: { id } }, headers, body: { filename: 'renamed' } });
    expect(patched.data?.filename).toBe('renamed.zip');

    const wrong = await client.GET('/v1/bundles/{id}', { params: { path: { id } }, headers: { 'X-Bundle-Secret': 'wrong' } });
    expect(wrong.response.status).toBe(404);
    expect(wrong.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(wrong.error).toMatchObject({ code: 'BUNDLE_NOT_FOUND', status: 404 });

    const deleted = await client.DELETE('/v1/bundles/{id}', { params: { path: { id } }, headers });
    expect(deleted.response.status).toBe(204);
  });
});
