/** The language model: the list, locales to languages, and counts through each language's plural rules. */
import { describe, expect, it } from 'vitest';
import {
  byLanguage,
  INTL_LOCALES,
  joinLocalized,
  LANGUAGE_TAGS,
  LANGUAGES,
  languageOfLocale,
  plural,
  plurals,
} from '../../engine/localized';

describe('the languages', () => {
  it('are Bokmål, Nynorsk and English, each with its tag for Intl', () => {
    expect(LANGUAGES).toEqual(['nb', 'nn', 'en']);
    for (const language of LANGUAGES) {
      expect(Intl.DateTimeFormat.supportedLocalesOf([LANGUAGE_TAGS[language]])).toEqual([
        LANGUAGE_TAGS[language],
      ]);
      expect(INTL_LOCALES[language][0]).toBe(LANGUAGE_TAGS[language]);
    }
  });

  it("gives a Norwegian locale the municipality's written form, an explicit nn Nynorsk, the rest English", () => {
    expect(languageOfLocale('nb-NO')).toBe('nb');
    expect(languageOfLocale('nb-NO', 'nn')).toBe('nn');
    expect(languageOfLocale('no', 'nn')).toBe('nn');
    expect(languageOfLocale('nn-NO')).toBe('nn');
    expect(languageOfLocale('nn-NO', 'nb')).toBe('nn');
    expect(languageOfLocale('en-US', 'nn')).toBe('en');
    expect(languageOfLocale('sv-SE', 'nn')).toBe('en');
    expect(languageOfLocale(undefined, 'nn')).toBe('en');
  });

  it('writes dates in Nynorsk with Nynorsk weekdays', () => {
    const monday = new Date('2026-03-02T12:00:00Z');
    const weekday = (language: 'nb' | 'nn') =>
      new Intl.DateTimeFormat(LANGUAGE_TAGS[language], { weekday: 'long', timeZone: 'Europe/Oslo' }).format(
        monday,
      );
    expect(weekday('nb')).toBe('mandag');
    expect(weekday('nn')).toBe('måndag');
  });

  it('builds and joins texts language by language', () => {
    const a = byLanguage((language) => `a-${language}`);
    expect(a).toEqual({ nb: 'a-nb', nn: 'a-nn', en: 'a-en' });
    expect(joinLocalized([a, a], { nb: ' og ', nn: ' og ', en: ' and ' })).toEqual({
      nb: 'a-nb og a-nb',
      nn: 'a-nn og a-nn',
      en: 'a-en and a-en',
    });
  });
});

describe('counts', () => {
  it("take each language's plural form by its own rules", () => {
    const forms = {
      nb: { one: 'sak', other: 'saker' },
      nn: { one: 'sak', other: 'saker' },
      en: { one: 'case', other: 'cases' },
    };
    expect(plurals(1, forms)).toEqual({ nb: 'sak', nn: 'sak', en: 'case' });
    expect(plurals(0, forms)).toEqual({ nb: 'saker', nn: 'saker', en: 'cases' });
    expect(plurals(2, forms)).toEqual({ nb: 'saker', nn: 'saker', en: 'cases' });
  });

  it('falls back to other, and takes a category a language has beyond one and other', () => {
    // Northern Sami has a dual: what a fourth language would bring, without a change here.
    expect(new Intl.PluralRules('se').select(2)).toBe('two');
    expect(plural('en', 1, { other: 'people' })).toBe('people');
    expect(plural('nn', 1, { one: 'person', other: 'personar' })).toBe('person');
  });
});
