/**
 * Where the dashboard tab's built files are (`npm run build` and `npm start` write them with
 * scripts/buildTab.ts) and how they are served. Lives in functions/shared/ so it is not loaded as a
 * function of its own.
 *
 * Compiled, this file runs from `dist/functions/shared/`, and the bundle sits beside it in `dist/tab/`;
 * run from source (`npm start`, tests) it runs from `functions/shared/`, and the bundle is `dist/tab/`
 * under the project root. Only the files the build writes are served: the name is looked up in a fixed
 * list, never joined into a path from the request.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HttpResponseInit } from '@azure/functions';
import { errorResponse } from './authenticatedApi';

const FUNCTIONS_DIR = path.resolve(__dirname, '..');
const RUNS_COMPILED = path.basename(path.dirname(FUNCTIONS_DIR)) === 'dist';

/** The folder the tab's build writes to. */
export const TAB_ASSETS_DIR = RUNS_COMPILED
  ? path.resolve(FUNCTIONS_DIR, '..', 'tab')
  : path.resolve(FUNCTIONS_DIR, '..', 'dist', 'tab');

/** The page the tab opens. */
export const TAB_PAGE = 'index.html';

/** The files the page loads (GET /api/tab/assets/{name}), with their content types. */
export const TAB_ASSET_FILES: Readonly<Record<string, string>> = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ...TAB_ASSET_FILES,
  [TAB_PAGE]: 'text/html; charset=utf-8',
};

/**
 * Who may frame the page: Teams on the web, desktop and mobile, Outlook and the Microsoft 365 app, which
 * host Teams tabs (learn.microsoft.com, "Tabs: Content Security Policy"), and nobody else.
 */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
  'https://*.skype.com',
].join(' ');

/**
 * The one address outside this app the page fetches: teams-js, when it loads, asks Microsoft's CDN for
 * the current list of hosts that may talk to a tab (`validOriginsCdnEndpoint` in
 * @microsoft/teams-js `internal/constants.js`), and falls back to the list it carries when it cannot.
 * Blocked, that fetch left an error in the console on every load; allowed, it is this one file, not the
 * CDN (a CSP source with a path matches that path only).
 */
export const TEAMS_JS_VALID_DOMAINS_URL =
  'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/**
 * The page loads only its own script and stylesheet and talks only to this app and, for teams-js, to the
 * one file above; the teams-js library is bundled, not loaded from a CDN. Teams' own iframe messaging
 * needs no connect-src.
 */
export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  `connect-src 'self' ${TEAMS_JS_VALID_DOMAINS_URL}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS}`,
].join('; ');

/** The meta element of the page that says the municipality's written form (tab/languageChoice.ts). */
const WRITTEN_FORM_META = /<meta name="innovation-gates-written-form" content="[a-z]*" \/>/;

/** The page, carrying the municipality's written form of Norwegian for a Norwegian locale. */
export async function tabPageResponse(writtenForm: 'nb' | 'nn'): Promise<HttpResponseInit> {
  const response = await tabFileResponse(TAB_PAGE);
  if (response.status !== 200 || !Buffer.isBuffer(response.body)) return response;
  const page = response.body.toString('utf8');
  if (!WRITTEN_FORM_META.test(page)) throw new Error('The built tab page has no written-form meta element');
  const body = page.replace(
    WRITTEN_FORM_META,
    `<meta name="innovation-gates-written-form" content="${writtenForm}" />`,
  );
  return { ...response, body };
}

/** A built file of the tab (one of the names above), or 503 naming the command that builds it. */
export async function tabFileResponse(name: string): Promise<HttpResponseInit> {
  const contentType = CONTENT_TYPES[name];
  if (contentType === undefined) throw new Error(`${name} is not a file of the tab`);
  let body: Buffer;
  try {
    body = await readFile(path.join(TAB_ASSETS_DIR, name));
  } catch {
    return errorResponse(503, 'tabNotBuilt', {
      nb: 'Oversikten er ikke bygget. Kjør «npm run build» (eller «npm start», som bygger den).',
      nn: 'Oversikta er ikkje bygd. Køyr «npm run build» (eller «npm start», som byggjer ho).',
      en: 'The dashboard is not built. Run "npm run build" (or "npm start", which builds it).',
    });
  }
  return {
    status: 200,
    headers: {
      'content-type': contentType,
      // The page itself is small and must pick up a new build at once; the script and stylesheet are
      // named the same in every build, so they are revalidated too (a few kilobytes on a 304).
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(name === TAB_PAGE && { 'content-security-policy': TAB_CONTENT_SECURITY_POLICY }),
    },
    body,
  };
}
