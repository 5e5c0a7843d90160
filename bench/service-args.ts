import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = 'dist/src/main.js';

/**
 * The arguments that start the built service `main` as `npm start` starts it:
 * the Node flags of package.json's start script, then `main`. Benchmarks and
 * tests that measure the service's memory must run it with the same heap settings.
 */
export function serviceArgs(main: string): string[] {
  const [node, ...rest] = startScript().trim().split(/\s+/);
  const flags = rest.slice(0, rest.indexOf(ENTRY));
  if (node !== 'node' || !rest.includes(ENTRY) || flags.some((f) => !f.startsWith('--'))) {
    throw new Error(`package.json's start script is not "node [--flags] ${ENTRY}"`);
  }
  return [...flags, main];
}

function startScript(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { scripts: { start: string } }).scripts.start;
  }
  throw new Error('no package.json above the benchmarks');
}
