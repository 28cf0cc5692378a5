/** The two languages every user-facing text exists in: Norwegian Bokmål and English. */
export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in both languages. Neither may be empty: a missing translation is a bug, not a fallback. */
export interface Localized {
  nb: string;
  en: string;
}

export function isLanguage(value: unknown): value is Language {
  return value === 'nb' || value === 'en';
}

export function localized(nb: string, en: string): Localized {
  return { nb, en };
}

/** Joins localized fragments language by language. */
export function joinLocalized(parts: readonly Localized[], separator: Localized | string): Localized {
  const sep = typeof separator === 'string' ? { nb: separator, en: separator } : separator;
  return {
    nb: parts.map((p) => p.nb).join(sep.nb),
    en: parts.map((p) => p.en).join(sep.en),
  };
}
