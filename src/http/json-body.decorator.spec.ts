import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { INTERCEPTORS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { JsonBody } from './json-body.decorator.js';
import { JsonBodyInterceptor } from './json-body.interceptor.js';

type Handler = (...args: unknown[]) => unknown;

const takesBody = (controller: object, method: string) =>
  Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as object).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
const interceptorsOf = (handler: Handler) => (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];

async function controllers(): Promise<[string, { prototype: Record<string, unknown> }][]> {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.controller.ts'));
  const found: [string, { prototype: Record<string, unknown> }][] = [];
  for (const file of files) {
    const exports = (await import(pathToFileURL(join(src, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (typeof value === 'function' && name.endsWith('Controller')) found.push([name, value as { prototype: Record<string, unknown> }]);
  }
  return found;
}

describe('@JsonBody()', () => {
  it('is the route body and brings the parsing interceptor to that route alone', () => {
    class Sample {
      create(@JsonBody() body: unknown) {
        return body;
      }
      list() {
        return [];
      }
    }
    expect(takesBody(Sample, 'create')).toBe(true);
    expect(interceptorsOf(Sample.prototype.create as Handler)).toEqual([JsonBodyInterceptor]);
    expect(interceptorsOf(Sample.prototype.list as Handler)).toEqual([]);
  });

  it('is on every route of the service that takes a body, and no interceptor is on any other', async () => {
    const found = await controllers();
    expect(found.length).toBeGreaterThan(5);
    let withBody = 0;
    for (const [name, controller] of found) {
      for (const method of Object.getOwnPropertyNames(controller.prototype).filter((m) => m !== 'constructor')) {
        const handler = controller.prototype[method] as Handler;
        const expected = takesBody(controller, method) ? [JsonBodyInterceptor] : [];
        withBody += expected.length;
        expect([`${name}.${method}`, interceptorsOf(handler)]).toEqual([`${name}.${method}`, expected]);
      }
    }
    expect(withBody).toBe(8);
  });
});
