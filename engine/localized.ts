/**
 * The languages every user-facing text exists in: Norwegian Bokmål, Norwegian Nynorsk and English.
 * A text is keyed by language over this list, so adding a language is adding its texts: the type
 * checker then names every text that lacks it (docs/languages.md).
 */
export const LANGUAGES = ['nb', 'nn', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The written forms of Norwegian a municipality can choose as its default. */
export const NORWEGIAN_FORMS = ['nb', 'nn'] as const;
export type NorwegianForm = (typeof NORWEGIAN_FORMS)[number];

/** A text in every language. None may be empty: a missing translation is a bug, not a fallback. */
export type Localized = { readonly [L in Language]: string };

/** Each language's BCP 47 tag, for `Intl` (dates, numbers, lists) and for exports' `xml:lang`. */
export const LANGUAGE_TAGS: { readonly [L in Language]: string } = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/**
 * The locales `Intl` is asked for, best first. Node has every locale, but a browser may not (Chromium's
 * ICU has no Nynorsk and would fall back to American English): Nynorsk then gets Bokmål's dates and
 * numbers, which write months and digits alike.
 */
export const INTL_LOCALES: { readonly [L in Language]: readonly string[] } = {
  nb: ['nb-NO'],
  nn: ['nn-NO', 'nb-NO'],
  en: ['en-GB'],
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isNorwegianForm(value: unknown): value is NorwegianForm {
  return typeof value === 'string' && (NORWEGIAN_FORMS as readonly string[]).includes(value);
}

/**
 * The language for a Teams or browser locale. Teams has no Nynorsk interface, so a Norwegian locale
 * (`nb`, `no`) gets the municipality's written form; an explicit `nn` locale gets Nynorsk; everything
 * else English. One rule for the bot and the dashboard page.
 */
export function languageOfLocale(
  locale: string | undefined | null,
  norwegian: NorwegianForm = 'nb',
): Language {
  const value = locale ?? '';
  if (/^nn\b/i.test(value)) return 'nn';
  if (/^(nb|no)\b/i.test(value)) return norwegian;
  return 'en';
}

/** A text from its three forms, in the order of `LANGUAGES`. */
export function localized(nb: string, nn: string, en: string): Localized {
  return { nb, nn, en };
}

/** The same text in every language (a number, a name, a symbol). */
export function sameInEvery(text: string): Localized {
  return byLanguage(() => text);
}

/** A text built language by language, over the list: a new language needs no change here. */
export function byLanguage(text: (language: Language) => string): Localized {
  return Object.fromEntries(LANGUAGES.map((language) => [language, text(language)])) as Localized;
}

/** "A, B og C" / "A, B and C": items joined as the language writes a list. */
export function listIn(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(LANGUAGE_TAGS[language], { type: 'conjunction' }).format(items);
}

/** Joins localized fragments language by language. */
export function joinLocalized(parts: readonly Localized[], separator: Localized | string): Localized {
  const sep = typeof separator === 'string' ? sameInEvery(separator) : separator;
  return byLanguage((language) => parts.map((p) => p[language]).join(sep[language]));
}

/**
 * The forms of a text by its count's plural category (CLDR, `Intl.PluralRules`): Bokmål, Nynorsk and
 * English have `one` and `other`; a language with more (Northern Sami's `two`) gives them too.
 */
export type PluralForms = { readonly other: string } & Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;

const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

/** The form for `count` in `language`, by the language's own plural rules. */
export function plural(language: Language, count: number, forms: PluralForms): string {
  let rules = PLURAL_RULES.get(language);
  if (rules === undefined) {
    rules = new Intl.PluralRules(LANGUAGE_TAGS[language]);
    PLURAL_RULES.set(language, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}

/** A text whose words follow a count, each language by its own plural rules. */
export function plurals(count: number, forms: { readonly [L in Language]: PluralForms }): Localized {
  return byLanguage((language) => plural(language, count, forms[language]));
}
