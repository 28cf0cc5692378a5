/**
 * Every text exists in every language of `LANGUAGES`: each text table of the product and the process
 * templates. A missing or empty text fails with its key, so it is caught here and never shown as a blank
 * or in another language.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../engine/localized';
import { builtInTemplates } from '../../engine/templateCatalog';
import { everyText, TEXT_TABLES, textsIn } from './textTables';

function gaps(found: ReturnType<typeof everyText>): string[] {
  return found.flatMap(({ path, text }) =>
    LANGUAGES.filter((language) => {
      const value = text[language];
      return typeof value !== 'string' || value.trim() === '';
    }).map((language) => `${path}: no ${language}`),
  );
}

describe('every text in every language', () => {
  it('has each language of the list, none empty, in every text table', () => {
    const found = everyText();
    expect(gaps(found)).toEqual([]);
    // The walk reaches the tables' texts: each table gives some, and together hundreds.
    for (const [name, table] of Object.entries(TEXT_TABLES)) {
      expect(textsIn(table, name).length, name).toBeGreaterThan(0);
    }
    expect(found.length).toBeGreaterThan(500);
  });

  it('has each language in every text of every built-in template', () => {
    const templates = builtInTemplates().all();
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      const found = textsIn(template, `${template.id}.v${template.version}`);
      expect(found.length).toBeGreaterThan(100);
      expect(gaps(found)).toEqual([]);
    }
  });

  it('names the missing key when a text lacks a language', () => {
    const broken = {
      greeting: { nb: 'Hei', en: 'Hello' },
      nested: { farewell: () => ({ nb: 'Ha det', nn: '', en: 'Bye' }) },
    };
    expect(gaps(textsIn(broken, 'broken'))).toEqual([
      'broken.greeting: no nn',
      'broken.nested.farewell(): no nn',
    ]);
  });
});
