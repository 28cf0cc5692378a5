/**
 * Where the page runs and who the viewer is.
 *
 * In Teams (web, desktop, mobile) the page is framed or hosted natively: teams-js gives the context (the
 * channel or chat the tab is in, the locale, the theme) and a single sign-on token for this app, which
 * the API checks against Entra ID.
 *
 * Outside Teams (a plain browser, local development) `app.initialize()` either fails at once (no parent
 * window) or never answers (framed by something else), so it is raced against a short timeout and the
 * page falls back to a development token: from the URL fragment (`#token=…`, never sent to a server),
 * from this tab's session storage, or pasted into the sign-in form.
 */
import { app, authentication } from '@microsoft/teams-js';
import type { ViewLanguage } from '../dashboard/viewModel';
import { pageLanguage, WRITTEN_FORM_META, type LanguageStore } from './languageChoice';

/** How long a page that might be in Teams waits for Teams to answer before it decides it is not. */
export const TEAMS_DETECTION_MS = 2_500;
const TOKEN_STORAGE_KEY = 'innovation-gates.devToken';

export type Theme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  language: ViewLanguage;
  theme: Theme;
  /** The channel or chat the tab is in; absent in a personal tab. */
  conversationId?: string;
  /** A fresh single sign-on token (teams-js caches and renews it). */
  token(): Promise<string>;
  onThemeChange(handler: (theme: Theme) => void): void;
  /**
   * Opens a Teams link in Teams itself (a message's link from a tab's `target=_blank` would open a
   * browser window instead).
   */
  openLink(url: string): Promise<void>;
}

export interface BrowserHost {
  kind: 'browser';
  language: ViewLanguage;
  theme: Theme;
  conversationId?: string;
  /** The development token, once known. */
  storedToken?: string;
  remember(token: string, conversationId: string | undefined): void;
  forget(): void;
}

export type Host = TeamsHost | BrowserHost;

function themeOf(value: string | undefined): Theme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** True when there is nothing teams-js could talk to: not framed, not opened by another window, not native. */
function plainlyOutsideTeams(): boolean {
  const framed = window.parent !== window;
  const native = 'nativeInterface' in window;
  return !framed && window.opener === null && !native;
}

async function initializeTeams(): Promise<boolean> {
  if (plainlyOutsideTeams()) return false;
  let timer: number | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = window.setTimeout(() => resolve(false), TEAMS_DETECTION_MS);
  });
  try {
    return await Promise.race([app.initialize().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    window.clearTimeout(timer);
  }
}

/** Local storage, where the browser allows it (a framed page may be refused it). */
export function languageStore(): LanguageStore | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The municipality's written form of Norwegian, as the served page says (functions/tab.ts). */
function writtenForm(): string | null {
  return document.querySelector(`meta[name="${WRITTEN_FORM_META}"]`)?.getAttribute('content') ?? null;
}

export async function detectHost(location: Location = window.location): Promise<Host> {
  const query = new URLSearchParams(location.search);
  const requestedLanguage = query.get('lang');
  if (await initializeTeams()) {
    const context = await app.getContext();
    const conversationId = context.channel?.id ?? context.chat?.id;
    return {
      kind: 'teams',
      // Teams' locale decides only until the person chooses a language on the page.
      language: pageLanguage({
        store: languageStore(),
        requested: requestedLanguage,
        locale: context.app.locale,
        writtenForm: writtenForm(),
      }),
      theme: themeOf(context.app.theme),
      ...(conversationId !== undefined && conversationId !== '' && { conversationId }),
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeOf(theme))),
      openLink: (url) => app.openLink(url),
    };
  }
  return browserHost(location, query, requestedLanguage);
}

function browserHost(
  location: Location,
  query: URLSearchParams,
  requestedLanguage: string | null,
): BrowserHost {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token') ?? undefined;
  if (fromFragment !== undefined) {
    // Keep the token for reloads of this tab, and take it out of the address bar (and of screenshots).
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromFragment);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  const storedToken = fromFragment ?? sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  const conversationId = query.get('conversation') ?? undefined;
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
  return {
    kind: 'browser',
    language: pageLanguage({
      store: languageStore(),
      requested: requestedLanguage,
      locale: navigator.language,
      writtenForm: writtenForm(),
    }),
    theme: prefersDark ? 'dark' : 'default',
    ...(conversationId !== undefined && conversationId !== '' && { conversationId }),
    ...(storedToken !== undefined && storedToken !== '' && { storedToken }),
    remember(token, conversation) {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
      const url = new URL(location.href);
      url.hash = '';
      if (conversation === undefined || conversation === '') url.searchParams.delete('conversation');
      else url.searchParams.set('conversation', conversation);
      history.replaceState(null, '', url.toString());
    },
    forget() {
      sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    },
  };
}

/** Tells Teams the page has loaded (or could not), so it removes its loading indicator. */
export function reportLoaded(host: Host, failure?: string): void {
  if (host.kind !== 'teams') return;
  if (failure === undefined) void app.notifySuccess();
  else app.notifyFailure({ reason: app.FailedReason.Other, message: failure });
}
