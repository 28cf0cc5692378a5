/**
 * The app's version, from its package.json. Read from disk on first use instead of importing the JSON:
 * an import would make `tsc -p tsconfig.build.json` copy package.json into dist/, where Node would
 * take it as the package scope of the compiled functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** Walks up from this file (config/ under tsx, dist/config/ when compiled) to the first package.json. */
export function appVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
      cached = typeof version === 'string' ? version : 'unknown';
      return cached;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = 'unknown');
    dir = parent;
  }
}
