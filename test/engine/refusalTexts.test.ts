/**
 * Every text the engine says to a person lives in engine/refusals.ts (refusals, field names, actions,
 * problems), so a wording is changed in one place and both languages are read side by side. This test
 * reads the engine's sources and finds any inline `{ nb: … }` literal elsewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = fileURLToPath(new URL('../../engine/', import.meta.url));

/** The files that may hold bilingual literals: the texts themselves and the helpers that join them. */
const ALLOWED = new Set(['refusals.ts', 'localized.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const INLINE_TEXT = /\{\s*nb\s*:/;

describe('engine texts', () => {
  it('finds the engine sources (the walk is not vacuous)', () => {
    const names = sources(ENGINE).map((path) => relative(ENGINE, path).replaceAll('\\', '/'));
    expect(names).toContain('refusals.ts');
    expect(names).toContain('decide.ts');
  });

  it('keeps every bilingual literal in refusals.ts (or localized.ts)', () => {
    const offenders = sources(ENGINE)
      .map((path) => relative(ENGINE, path).replaceAll('\\', '/'))
      .filter((name) => !ALLOWED.has(name))
      .filter((name) => INLINE_TEXT.test(readFileSync(join(ENGINE, name), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would notice one', () => {
    expect(INLINE_TEXT.test("throw refuse.invalidCommand({\n  nb: 'x', en: 'y' })")).toBe(true);
  });
});
