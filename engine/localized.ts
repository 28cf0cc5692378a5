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

/**
 * The language for a Teams or browser locale: Norwegian (Bokmål, Nynorsk or plain "no") gets Bokmål,
 * everything else English. One rule for the bot and the dashboard page.
 */
export function languageOfLocale(locale: string | undefined | null): Language {
  return /^(nb|nn|no)\b/i.test(locale ?? '') ? 'nb' : 'en';
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
