/**
 * The dashboard tab: finds out where it runs (host.ts), signs in, and shows the cases of this team or
 * chat — the gate reviews waiting for the viewer first, then each case with its timeline, documentation
 * per stage and, for researchers, export buttons. Bundled with teams-js by scripts/buildTab.ts.
 */
import type { CaseListView, ViewLanguage } from '../dashboard/viewModel';
import {
  ApiError,
  downloadExport,
  fetchCaseDetail,
  fetchCaseList,
  postDecision,
  postResume,
  type TokenSource,
} from './api';
import { byLanguage, LANGUAGES } from '../engine/localized';
import { h } from './dom';
import { detectHost, languageStore, reportLoaded, type BrowserHost, type Host, type Theme } from './host';
import { addressWithLanguage, rememberLanguage } from './languageChoice';
import { caseDetail, casesSection, exportPanel, waitingSection } from './render';
import { t } from './texts';

/** Cases whose details load at the same time. */
const DETAIL_CONCURRENCY = 3;

interface Page {
  host: Host;
  language: ViewLanguage;
  token?: TokenSource;
  conversationId?: string;
}

const main = document.getElementById('main') as HTMLElement;
const header = document.getElementById('header') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function applyTheme(theme: Theme): void {
  document.body.dataset['theme'] = theme;
}

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.className = kind === 'error' ? 'status error' : 'status';
  // Errors interrupt; progress is announced politely.
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

function renderHeader(page: Page, list?: CaseListView): void {
  const language = page.language;
  document.documentElement.lang = language;
  document.title = t(language, 'pageTitle');
  // One button for each other language, named in the language it switches to.
  const languageButtons = LANGUAGES.filter((other) => other !== language).map((other) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        lang: other,
        'aria-label': t(other, 'switchToLanguage'),
      },
      t(other, 'languageName'),
    );
    button.addEventListener('click', () => {
      page.language = other;
      // Kept for the next visit, and in the address, so a reload shows the language chosen.
      rememberLanguage(languageStore(), page.language);
      const address = addressWithLanguage(window.location.href, page.language);
      if (address !== undefined) history.replaceState(history.state, '', address);
      if (page.token) void show(page);
      else if (page.host.kind === 'browser') signInForm(page, page.host);
    });
    return button;
  });
  const actions = h('div', { class: 'actions' });
  if (page.token) {
    const refresh = h('button', { type: 'button', class: 'secondary' }, t(language, 'refresh'));
    refresh.addEventListener('click', () => void show(page));
    actions.append(refresh);
  }
  actions.append(...languageButtons);
  if (page.host.kind === 'browser' && page.token) {
    const browser = page.host;
    const forget = h('button', { type: 'button', class: 'secondary' }, t(language, 'signOut'));
    forget.addEventListener('click', () => {
      browser.forget();
      delete page.token;
      signInForm(page, browser);
    });
    actions.append(forget);
  }
  const scope =
    list === undefined ? '' : t(language, list.scope === 'conversation' ? 'scopeConversation' : 'scopeMine');
  header.replaceChildren(
    h('h1', {}, t(language, 'pageTitle')),
    scope === '' ? '' : h('p', { class: 'scope' }, scope),
    actions,
  );
}

/** Outside Teams without a token: a form for a development token (and which conversation to show). */
function signInForm(page: Page, host: BrowserHost, problem?: string): void {
  const language = page.language;
  renderHeader(page);
  const tokenInput = h('textarea', {
    id: 'dev-token',
    name: 'token',
    rows: 4,
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const conversationInput = h('input', {
    id: 'conversation',
    name: 'conversation',
    type: 'text',
    value: page.conversationId ?? '',
  });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
    h('h2', { id: 'sign-in-heading' }, t(language, 'signInHeading')),
    h('p', {}, t(language, 'signInOutsideTeams')),
    problem !== undefined && h('p', { class: 'error', role: 'alert' }, problem),
    h('label', { for: 'dev-token' }, t(language, 'tokenLabel')),
    tokenInput,
    h('label', { for: 'conversation' }, t(language, 'conversationLabel')),
    conversationInput,
    h('button', { type: 'submit' }, t(language, 'signInButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    if (token === '') return;
    const conversation = conversationInput.value.trim();
    page.conversationId = conversation === '' ? undefined : conversation;
    host.remember(token, page.conversationId);
    page.token = () => Promise.resolve(token);
    void show(page);
  });
  say('');
  main.replaceChildren(form);
  tokenInput.focus();
}

/** Shows the dashboard; `notice` is said once it has loaded (what the last action did). */
async function show(page: Page, notice?: string): Promise<void> {
  const { language, token } = page;
  if (!token) return;
  renderHeader(page);
  say(t(language, 'loading'));
  main.setAttribute('aria-busy', 'true');
  let list: CaseListView;
  try {
    list = await fetchCaseList(token, language, page.conversationId);
  } catch (error) {
    main.removeAttribute('aria-busy');
    failed(page, error);
    return;
  }
  renderHeader(page, list);
  const { section, articles } = casesSection(
    list,
    language,
    (caseId) => (body, formStatus) => decide(page, token, caseId, body, formStatus),
    (caseId) => (resumeId, resumeStatus) => resume(page, token, caseId, resumeId, resumeStatus),
  );
  main.replaceChildren(waitingSection(list, language), section);
  main.removeAttribute('aria-busy');
  say(notice ?? '');
  reportLoaded(page.host);
  await loadDetails(page, token, [...articles]);
}

async function loadDetails(page: Page, token: TokenSource, queue: [string, HTMLElement][]): Promise<void> {
  const language = page.language;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [caseId, article] = next;
      const placeholder = article.querySelector('.detail');
      try {
        const detail = await fetchCaseDetail(token, language, caseId);
        const exports = exportPanel(
          detail,
          language,
          (format, formatName, exportStatus) =>
            void download(page, token, caseId, format, formatName, exportStatus),
        );
        placeholder?.replaceWith(caseDetail(detail, language, exports));
      } catch (error) {
        placeholder?.replaceWith(
          h('p', { class: 'error detail', role: 'alert' }, messageOf(error, language)),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker));
}

/** Sends a gate decision; on success the dashboard is loaded again and says what happened. */
async function decide(
  page: Page,
  token: TokenSource,
  caseId: string,
  body: Parameters<typeof postDecision>[2],
  formStatus: HTMLElement,
): Promise<void> {
  const language = page.language;
  try {
    const result = await postDecision(token, caseId, body);
    const notice = t(
      language,
      result.duplicate ? 'decideAlready' : result.announced ? 'decideRecorded' : 'decideRecordedNotAnnounced',
    );
    await show(page, notice);
  } catch (error) {
    formStatus.className = 'decision-status error';
    formStatus.textContent = messageOf(error, language);
    formStatus.setAttribute('role', 'alert');
  }
}

/** Resumes a paused case; on success the dashboard is loaded again and says what happened. */
async function resume(
  page: Page,
  token: TokenSource,
  caseId: string,
  resumeId: string,
  resumeStatus: HTMLElement,
): Promise<void> {
  const language = page.language;
  try {
    const result = await postResume(token, caseId, resumeId);
    const notice = t(
      language,
      result.duplicate ? 'resumeAlready' : result.announced ? 'resumeRecorded' : 'resumeRecordedNotAnnounced',
    );
    await show(page, notice);
  } catch (error) {
    resumeStatus.className = 'resume-status error';
    resumeStatus.textContent = messageOf(error, language);
    resumeStatus.setAttribute('role', 'alert');
  }
}

async function download(
  page: Page,
  token: TokenSource,
  caseId: string,
  format: string,
  formatName: string,
  exportStatus: HTMLElement,
): Promise<void> {
  const language = page.language;
  exportStatus.className = 'export-status';
  exportStatus.textContent = t(language, 'exportWorking', { format: formatName });
  try {
    const { blob, fileName } = await downloadExport(token, language, caseId, format);
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    exportStatus.textContent = t(language, 'exportStarted', { file: fileName });
  } catch (error) {
    exportStatus.className = 'export-status error';
    exportStatus.textContent = messageOf(error, language);
  }
}

function messageOf(error: unknown, language: ViewLanguage): string {
  if (error instanceof ApiError) return error.in(language);
  return `${t(language, 'errorPrefix')}: ${error instanceof Error ? error.message : String(error)}`;
}

function failed(page: Page, error: unknown): void {
  const language = page.language;
  const message = messageOf(error, language);
  // Outside Teams a refused token means: ask for another one.
  if (page.host.kind === 'browser' && error instanceof ApiError && error.status === 401) {
    page.host.forget();
    delete page.token;
    signInForm(page, page.host, message);
    return;
  }
  const retry = h('button', { type: 'button' }, t(language, 'retry'));
  retry.addEventListener('click', () => void show(page));
  main.replaceChildren(h('p', { class: 'error' }, `${t(language, 'errorPrefix')}. `, message), retry);
  say(message, 'error');
  reportLoaded(page.host, message);
}

async function start(): Promise<void> {
  const host = await detectHost();
  applyTheme(host.theme);
  const page: Page = {
    host,
    language: host.language,
    ...(host.conversationId !== undefined && { conversationId: host.conversationId }),
  };
  if (host.kind === 'teams') {
    host.onThemeChange(applyTheme);
    // Inside Teams a link to a Teams message opens in Teams (teams-js), not in a browser window.
    document.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('a[data-teams-link]') : null;
      if (!(target instanceof HTMLAnchorElement)) return;
      event.preventDefault();
      host.openLink(target.href).catch(() => window.open(target.href, '_blank', 'noopener'));
    });
    page.token = async () => {
      try {
        return await host.token();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ApiError(
          401,
          'ssoFailed',
          byLanguage((language) => t(language, 'ssoFailed', { reason })),
        );
      }
    };
    await show(page);
    return;
  }
  const stored = host.storedToken;
  if (stored === undefined) {
    signInForm(page, host);
    return;
  }
  page.token = () => Promise.resolve(stored);
  await show(page);
}

void start();
