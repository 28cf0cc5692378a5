/**
 * Nynorsk is its own written form, not Bokmål: for every text where the two should differ, they do. The
 * keys where they are rightly equal (a word both forms share, a symbol, a text that is only what it
 * quotes) are listed here, each with why; a new text that is the same in both fails until it is
 * translated or listed.
 */
import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../engine/templateCatalog';
import { everyText, textsIn, type FoundText } from './textTables';

/** Texts both written forms write alike, by path (see textTables.ts for how paths are made). */
const RIGHTLY_EQUAL: ReadonlySet<string> = new Set<string>([]);

/** Template texts both forms write alike, by path. */
const RIGHTLY_EQUAL_IN_TEMPLATES: ReadonlySet<string> = new Set<string>([]);

function alike(found: FoundText[], allowed: ReadonlySet<string>): string[] {
  return found
    .filter(({ path, text }) => text.nb === text.nn && !allowed.has(path))
    .map(({ path, text }) => `${path}: ${String(text.nb)}`);
}

describe('Nynorsk texts are not Bokmål texts', () => {
  it('differ from Bokmål in every text table, except the keys rightly equal', () => {
    expect(alike(everyText(), RIGHTLY_EQUAL)).toEqual([]);
  });

  it('differ from Bokmål in the built-in templates, except the texts rightly equal', () => {
    const found = builtInTemplates()
      .all()
      .flatMap((template) => textsIn(template, `${template.id}.v${template.version}`));
    expect(alike(found, RIGHTLY_EQUAL_IN_TEMPLATES)).toEqual([]);
  });

  it('lists only keys that exist and are still equal', () => {
    const equal = new Set(
      everyText()
        .filter(({ text }) => text.nb === text.nn)
        .map(({ path }) => path),
    );
    expect([...RIGHTLY_EQUAL].filter((path) => !equal.has(path))).toEqual([]);
    const equalInTemplates = new Set(
      builtInTemplates()
        .all()
        .flatMap((template) => textsIn(template, `${template.id}.v${template.version}`))
        .filter(({ text }) => text.nb === text.nn)
        .map(({ path }) => path),
    );
    expect([...RIGHTLY_EQUAL_IN_TEMPLATES].filter((path) => !equalInTemplates.has(path))).toEqual([]);
  });
});
