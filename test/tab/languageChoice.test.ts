/**
 * The page's language (tab/languageChoice.ts): the person's own choice, made with the page's button, is
 * remembered and wins on the next visit over Teams' locale, which decides only for someone who never
 * chose; an address that asks for a language (`?lang=`, rewritten when the person chooses) gets it;
 * storage that refuses does not break the page.
 */
import { describe, expect, it } from 'vitest';
import {
  addressWithLanguage,
  chosenLanguage,
  LANGUAGE_STORAGE_KEY,
  pageLanguage,
  rememberLanguage,
  type LanguageStore,
} from '../../tab/languageChoice';

function memoryStore(): LanguageStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

const refusing: LanguageStore = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
};

describe('the language the dashboard speaks', () => {
  it("follows Teams' locale for someone who never chose", () => {
    const store = memoryStore();
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO' })).toBe('nb');
    expect(pageLanguage({ store, requested: null, locale: 'en-US' })).toBe('en');
    // Teams has no Nynorsk interface; an explicit Nynorsk locale (a browser's) gets Nynorsk.
    expect(pageLanguage({ store, requested: null, locale: 'nn-NO' })).toBe('nn');
    expect(pageLanguage({ store, requested: null, locale: 'no' })).toBe('nb');
  });

  it("gives a Norwegian locale the municipality's written form, and English stays English", () => {
    const store = memoryStore();
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO', writtenForm: 'nn' })).toBe('nn');
    expect(pageLanguage({ store, requested: null, locale: 'no', writtenForm: 'nn' })).toBe('nn');
    expect(pageLanguage({ store, requested: null, locale: 'en-GB', writtenForm: 'nn' })).toBe('en');
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO', writtenForm: 'nb' })).toBe('nb');
    // A page whose meta element is missing or odd: Bokmål, as before there was a choice.
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO', writtenForm: null })).toBe('nb');
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO', writtenForm: 'xx' })).toBe('nb');
    // The address and the person's own choice still win.
    expect(pageLanguage({ store, requested: 'nb', locale: 'nb-NO', writtenForm: 'nn' })).toBe('nb');
    rememberLanguage(store, 'en');
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO', writtenForm: 'nn' })).toBe('en');
  });

  it("remembers the choice made on the page, and after a reload it wins over Teams' locale", () => {
    const store = memoryStore();
    rememberLanguage(store, 'en');
    expect(store.values.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    // A new page (a reload) with the same storage, in a Norwegian Teams.
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO' })).toBe('en');
    rememberLanguage(store, 'nb');
    expect(pageLanguage({ store, requested: null, locale: 'en-GB' })).toBe('nb');
    rememberLanguage(store, 'nn');
    expect(store.values.get(LANGUAGE_STORAGE_KEY)).toBe('nn');
    expect(pageLanguage({ store, requested: null, locale: 'nb-NO' })).toBe('nn');
  });

  it('gives an address that asks for a language that language, and ignores what is not a language', () => {
    const store = memoryStore();
    rememberLanguage(store, 'nb');
    expect(pageLanguage({ store, requested: 'en', locale: 'nb-NO' })).toBe('en');
    expect(pageLanguage({ store, requested: 'nn', locale: 'nb-NO' })).toBe('nn');
    expect(pageLanguage({ store, requested: 'nn', locale: 'en-GB' })).toBe('nn');
    expect(pageLanguage({ store, requested: 'xx', locale: 'en-GB' })).toBe('nb');
    store.values.set(LANGUAGE_STORAGE_KEY, 'de');
    expect(chosenLanguage(store)).toBeUndefined();
    expect(pageLanguage({ store, requested: 'xx', locale: 'nb-NO' })).toBe('nb');
    expect(pageLanguage({ store, requested: 'xx', locale: 'nn-NO' })).toBe('nn');
  });

  it('works where the browser refuses storage: the locale decides, and choosing does not throw', () => {
    expect(pageLanguage({ store: refusing, requested: null, locale: 'nb-NO' })).toBe('nb');
    expect(() => rememberLanguage(refusing, 'en')).not.toThrow();
    expect(pageLanguage({ store: undefined, requested: null, locale: 'en' })).toBe('en');
  });

  it('rewrites ?lang= in the address, keeping everything else, and leaves an address without it alone', () => {
    expect(addressWithLanguage('https://app.example/api/tab?conversation=19%3Ax&lang=nb', 'en')).toBe(
      'https://app.example/api/tab?conversation=19%3Ax&lang=en',
    );
    expect(addressWithLanguage('https://app.example/api/tab?conversation=19%3Ax&lang=en', 'nn')).toBe(
      'https://app.example/api/tab?conversation=19%3Ax&lang=nn',
    );
    expect(addressWithLanguage('https://app.example/api/tab?conversation=19%3Ax', 'en')).toBeUndefined();
  });
});
