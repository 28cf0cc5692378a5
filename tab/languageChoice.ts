/**
 * Which language the page speaks, and remembering the person's own choice.
 *
 * A language the person chose with the page's button is kept in local storage and wins over the host's
 * locale on every later visit (Teams' own language setting, or the browser's): the locale decides only
 * for someone who never chose. An address with `?lang=` (a link made for one language; Teams' tab
 * address has none) says which language it wants and gets it; choosing on such a page rewrites its
 * `?lang=`, so a reload of it shows the language chosen too.
 *
 * Pure but for the storage it is handed, so it is tested on its own.
 */
import type { ViewLanguage } from '../dashboard/viewModel';
import { isLanguage, isNorwegianForm, languageOfLocale } from '../engine/localized';

export const LANGUAGE_STORAGE_KEY = 'innovation-gates.language';

/** The part of `Storage` this needs; a browser that refuses storage (privacy settings) throws. */
export interface LanguageStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The language the person chose before, if they did and it can be read. */
export function chosenLanguage(store: LanguageStore | undefined): ViewLanguage | undefined {
  try {
    const value = store?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the person's choice; where storage is refused, the choice lasts as long as the page. */
export function rememberLanguage(store: LanguageStore | undefined, language: ViewLanguage): void {
  try {
    store?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Nothing to do: the page still shows the language chosen now.
  }
}

/**
 * The page's language: the address's `?lang=`, else the person's own choice, else the host's locale, a
 * Norwegian one in the municipality's written form (`writtenForm`, which the served page carries).
 */
export function pageLanguage(options: {
  store: LanguageStore | undefined;
  requested: string | null;
  locale: string | undefined;
  writtenForm?: string | null;
}): ViewLanguage {
  if (isLanguage(options.requested)) return options.requested;
  const form = isNorwegianForm(options.writtenForm) ? options.writtenForm : 'nb';
  return chosenLanguage(options.store) ?? languageOfLocale(options.locale, form);
}

/** The name of the page's meta element that carries the municipality's written form. */
export const WRITTEN_FORM_META = 'innovation-gates-written-form';

/** `href` with its `?lang=` set to `language`, when it has one (other parameters and the path kept). */
export function addressWithLanguage(href: string, language: ViewLanguage): string | undefined {
  const url = new URL(href);
  if (!url.searchParams.has('lang')) return undefined;
  url.searchParams.set('lang', language);
  return url.toString();
}
