/**
 * The dashboard tab in headless Chromium against `npm start` (the real entry point, its Azurite and its
 * Functions host), opened outside Teams as a developer would, with development tokens.
 *
 * The seeded case is the research example up to the moment the rollout gate waits for the managers: it
 * went through five stages, was sent back from political anchoring to the first stage and passed again,
 * was paused for the summer, and has ideas and barriers. Beside it: a case in another chat and a case in
 * the same chat without the viewer, which the dashboard must not show.
 *
 * Shows: the timeline has a band for every stage the case went through (two for the stage it was sent
 * back to), the decisions, the pause, the ideas and barriers; the manager sees the review waiting for
 * them, a member does not; the page works by keyboard and in English; a researcher gets export buttons
 * that download an audited, pseudonymised export; a bad token brings back the sign-in form.
 * Screenshots: test-results/dashboard.png (the manager's view) and dashboard-en.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDevToken } from '../../auth/devTokens';
import { TEXTS as TAB_TEXTS } from '../../tab/texts';
import { createResearchStorage, type ResearchStorage } from '../../runtime/research';
import { answerRequired, CaseSpecification, openCommand } from '../engine/caseSpecification';
import { exampleCaseAwaitingRollout, names, people, storeEvents, storeNames } from '../research/exampleCase';
import { TEAMS_JS_VALID_DOMAINS_URL } from '../../functions/shared/tabAssets';
import {
  answerTeamsJsValidDomains,
  freePort,
  launchChromium,
  requireChromium,
  root,
  startStack,
  type Cleanups,
  type Stack,
} from '../support/localStack';

const DEV_KEY = 'dashboard-e2e-development-key-0123456789';
const CHAT = '19:group-chat@thread.v2';
const CASE_ID = 'case-dashboard';
const DECIDE_CHAT = '19:decide@thread.v2';
/** The Teams link of a message an idea was kept from. */
const MESSAGE_LINK = `https://teams.microsoft.com/l/message/${encodeURIComponent(CHAT)}/1733300000000`;
const STAGES_GONE_THROUGH = [
  'define-challenge',
  'political-anchoring',
  'staff-involvement',
  're-anchoring',
  'rollout',
];
const resultsDir = path.join(root, 'test-results');
/** Where the in-Teams test pretends the app is deployed. */
const APP_ORIGIN = 'https://innovation-gates.example.test';

const STACK_READY_MS = 45_000;
const PAGE_MS = 15_000;

const temp = mkdtempSync(path.join(tmpdir(), 'dashboard-e2e-'));
const cleanups: Cleanups = [];
let stack: Stack;
let base: string;
let context: BrowserContext;
let outside: Set<string>;
let validDomainRequests: string[];
let storage: ResearchStorage;

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  rmSync(temp, { recursive: true, force: true });
});

beforeAll(async () => {
  requireChromium();
  const [port, azuritePort] = [await freePort(), await freePort()];
  stack = startStack(
    temp,
    {
      PORT: String(port),
      AZURITE_TABLE_PORT: String(azuritePort),
      PLAYGROUND: 'off',
      RESEARCH_DEV_TOKEN_KEY: DEV_KEY,
    },
    cleanups,
  );
  await waitFor(
    () => /Playground: .*\n/.test(stack.output()),
    STACK_READY_MS,
    () => stack.output(),
  );
  base = `http://127.0.0.1:${port}`;

  // The seeded cases, written through the real log into the stack's own Azurite.
  storage = createResearchStorage('UseDevelopmentStorage=true', { azuriteTablePort: azuritePort });
  await storeEvents(storage.log, CASE_ID, exampleCaseAwaitingRollout(CASE_ID));
  await storeNames(storage.people);
  const elsewhere = new CaseSpecification();
  elsewhere.given(
    people.olga,
    openCommand({
      caseId: 'case-other-chat',
      title: 'Digitalt tilsyn',
      conversationId: '19:other@thread.v2',
    }),
  );
  await storeEvents(storage.log, 'case-other-chat', elsewhere.events);
  // A title and an idea written to break a page that builds HTML from data.
  const hostile = new CaseSpecification();
  hostile.given(
    people.olga,
    openCommand({
      caseId: 'case-markup',
      title: '<img src=x onerror="window.injected=1">Tittel & «sak»',
      managerIds: [people.mats],
    }),
  );
  hostile.given(people.olga, {
    type: 'RecordIdea',
    ideaId: 'idea-x',
    text: '<script>window.injected=2</script>',
  });
  // An idea kept from a message in the chat, with the link back to it.
  hostile.given(people.olga, {
    type: 'RecordIdea',
    ideaId: 'idea-kept',
    text: 'Nattevakten kan ringe dagen etter',
    origin: { kind: 'message', messageId: '1733300000000', link: MESSAGE_LINK, authorId: people.mats },
  });
  await storeEvents(storage.log, 'case-markup', hostile.events);
  // A case in another chat waiting at its first gate for Mats, for deciding on the dashboard.
  const toDecide = new CaseSpecification();
  toDecide.given(
    people.olga,
    openCommand({
      caseId: 'case-decide',
      title: 'Digital nattevakt',
      conversationId: DECIDE_CHAT,
      managerIds: [people.mats],
    }),
  );
  toDecide.given(people.olga, answerRequired('define-challenge'));
  toDecide.given(people.olga, { type: 'RequestGateReview', stageId: 'define-challenge' });
  await storeEvents(storage.log, 'case-decide', toDecide.events);
  const withoutViewer = new CaseSpecification();
  withoutViewer.given(
    people.olga,
    openCommand({ caseId: 'case-without-mats', title: 'Velferdsteknologi', managerIds: [people.mia] }),
  );
  await storeEvents(storage.log, 'case-without-mats', withoutViewer.events);

  ({ context, outside } = await launchChromium(path.join(temp, 'chromium-profile'), cleanups, {
    acceptDownloads: true,
  }));
  validDomainRequests = await answerTeamsJsValidDomains(context, TEAMS_JS_VALID_DOMAINS_URL);
}, 120_000);

/** Polls outside a test (expect.poll is only for tests); fails with `describe()` when time runs out. */
async function waitFor(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function token(personId: string, roles: string[] = []): Promise<string> {
  return signDevToken(DEV_KEY, { oid: personId, roles });
}

async function openDashboard(
  personId: string,
  options: { lang?: string; roles?: string[] } = {},
): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_MS);
  const query = new URLSearchParams({
    conversation: CHAT,
    ...(options.lang !== undefined && { lang: options.lang }),
  });
  await page.goto(`${base}/api/tab?${query.toString()}#token=${await token(personId, options.roles)}`);
  // Every case's details have loaded when no placeholder is left.
  await page.locator('svg.timeline').first().waitFor();
  await poll(() => page.locator('.detail[aria-busy="true"]').count()).toBe(0);
  return page;
}

/**
 * The part of the Teams client a tab talks to: it frames the tab and answers teams-js' postMessage
 * requests the way Teams does (reply = same id and uuid, `args` as the API expects them).
 */
function fakeTeamsHost(tabUrl: string, ssoToken: string, chatId: string): string {
  const runtime = JSON.stringify({
    apiVersion: 4,
    supports: { app: {}, authentication: {}, pages: { config: {}, tabs: {} }, teamsCore: {} },
  });
  const context = {
    locale: 'nb-NO',
    theme: 'dark',
    chatId,
    userObjectId: people.mats,
    tid: '7d0c6a3e-1f2b-4c5d-9e8f-000000000001',
    entityId: 'dashboard',
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
  };
  return `<!doctype html><html><body>
<iframe id="tab" src="${tabUrl}" style="width:1300px;height:1200px;border:0"></iframe>
<script>
  window.teamsCalls = [];
  const answers = {
    initialize: () => ['content', 'web', ${JSON.stringify(runtime)}, '2.58.0'],
    getContext: () => [${JSON.stringify(context)}],
    'authentication.getAuthToken': () => [true, ${JSON.stringify(ssoToken)}],
  };
  window.teamsLinks = [];
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.func !== 'string') return;
    window.teamsCalls.push(message.func);
    if (message.func === 'executeDeepLink') window.teamsLinks.push(message.args[0]);
    const answer = answers[message.func];
    if (!answer) return;
    event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args: answer() }, event.origin);
  });
</script></body></html>`;
}

/** expect.poll with the page's time limit (its default of one second is too short for a reload). */
function poll<T>(value: () => Promise<T>): ReturnType<typeof expect.poll<T>> {
  return expect.poll(value, { timeout: PAGE_MS, interval: 100 });
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, name), fullPage: true });
}

describe('the dashboard tab in headless Chromium', { timeout: 90_000 }, () => {
  it('shows a manager the case of this chat: every stage on the timeline, and the approval waiting for them', async () => {
    const page = await openDashboard(people.mats, { lang: 'nb' });
    try {
      // Only the cases of this chat that Mats is in (the seeded case, and one with a hostile title).
      const articles = page.locator('article.case');
      await poll(() => articles.count()).toBe(2);
      expect(
        await articles.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-case-id')).sort()),
      ).toEqual(['case-dashboard', 'case-markup']);
      await poll(() => page.locator('h1').innerText()).toBe('Oversikt over sakene');

      // The timeline: a band per stay, one row per stage; the loop back to the first stage is a second band.
      const bands = page.locator(`svg.timeline[data-case-id="${CASE_ID}"] .band`);
      const stays = await bands.evaluateAll((nodes) =>
        nodes.map((node) => `${node.getAttribute('data-stage-id')}#${node.getAttribute('data-round')}`),
      );
      expect(new Set(stays.map((stay) => stay.split('#')[0]))).toEqual(new Set(STAGES_GONE_THROUGH));
      expect(stays).toEqual([
        'define-challenge#1',
        'political-anchoring#1',
        'define-challenge#2',
        'political-anchoring#2',
        'staff-involvement#1',
        're-anchoring#1',
        'rollout#1',
      ]);
      const mainCase = page.locator(`article.case[data-case-id="${CASE_ID}"]`);
      const svg = mainCase.locator('svg.timeline');
      expect(await svg.locator('.decision[data-outcome="sentBack"]').count()).toBe(1);
      expect(await svg.locator('.decision[data-outcome="approved"]').count()).toBeGreaterThanOrEqual(4);
      expect(await svg.locator('[data-kind="pause"]').count()).toBe(1);
      expect(await svg.locator('[data-kind="idea"]').count()).toBe(2);
      expect(await svg.locator('[data-kind="barrier"]').count()).toBe(2);
      // The picture has a text alternative, and the same facts as a list.
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.locator('title').first().textContent()).toMatch(/7 opphold i 5 steg/);
      expect(await mainCase.locator('.timeline-list li[data-kind="stage"]').count()).toBe(7);

      // The approval waiting for Mats, named with the stage and who asked.
      const waiting = page.locator('[data-section="waiting"]');
      await poll(() => waiting.locator('li').count()).toBe(1);
      const item = await waiting.locator('li').first().innerText();
      expect(item).toContain('Operasjonalisering og innføring');
      expect(item).toContain(names.olga);
      expect(await page.locator('.gate-pending[data-awaiting-viewer="true"]').count()).toBe(1);

      // Documentation per stage: the loop's second answer, by name (Mats is a participant).
      const firstStage = mainCase.locator('details.stage-doc[data-stage-id="define-challenge"]');
      await firstStage.locator('summary').click();
      expect(await firstStage.innerText()).toContain('Hjemmetjenesten mangler 6 årsverk');
      expect(await firstStage.innerText()).toContain(names.olga);
      // A manager without the researcher role gets no export buttons.
      expect(await page.locator('.export-buttons').count()).toBe(0);

      // Nothing else left this machine: teams-js is bundled, not fetched; it asks only for its list of
      // valid domains, which the page's policy allows (and the stand-in CDN answers).
      expect([...outside]).toEqual([]);
      expect(new Set(validDomainRequests)).toEqual(new Set([TEAMS_JS_VALID_DOMAINS_URL]));
      await screenshot(page, 'dashboard.png');
    } catch (error) {
      await screenshot(page, 'dashboard-failed.png').catch(() => undefined);
      throw new Error(`${String(error)}\n--- npm start output ---\n${stack.output()}`);
    }
  });

  it('works by keyboard and in English, and a member sees no approval waiting for them', async () => {
    const page = await openDashboard(people.mads, { lang: 'en' });
    await poll(() => page.locator('h1').innerText()).toBe('Overview of the cases');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-section="waiting"]').innerText()).toContain(
      'No gates are waiting for you.',
    );
    expect(await page.locator('.gate-pending[data-awaiting-viewer="false"]').count()).toBe(1);

    // The first Tab reaches the skip link; following it moves focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');

    // A stage's documentation opens from the keyboard.
    const stage = page.locator('details.stage-doc[data-stage-id="staff-involvement"]');
    expect(await stage.getAttribute('open')).toBeNull();
    await stage.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await stage.getAttribute('open')).not.toBeNull();

    await screenshot(page, 'dashboard-en.png');
    // The language button switches to Norwegian without a reload, and a reload keeps it.
    await page.getByRole('button', { name: 'Bytt til norsk' }).press('Enter');
    await poll(() => page.locator('h1').innerText()).toBe('Oversikt over sakene');
    await page.reload();
    await page.locator('svg.timeline').first().waitFor();
    expect(await page.locator('h1').innerText()).toBe('Oversikt over sakene');
    expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  });

  it('speaks Nynorsk with ?lang=nn: its own texts, the stages and the review waiting, with no Bokmål text of the page', async () => {
    const page = await openDashboard(people.mats, { lang: 'nn' });
    await poll(() => page.locator('html').getAttribute('lang')).toBe('nn');
    await page.locator('svg.timeline').first().waitFor();
    const body = await page.locator('body').innerText();
    expect(body).toContain(TAB_TEXTS.waitingHeading.nn);
    // The stages come from the template in the page's language.
    expect(body).toContain('Definere utfordringsbiletet');
    expect(body).toContain('Medarbeidarinvolvering');
    // No text of the page's own is shown in its Bokmål form (texts with a placeholder are filled in, so
    // only whole texts are looked for). The language buttons name each language in itself, by design.
    const bokmal = Object.entries(TAB_TEXTS)
      .filter(([key]) => key !== 'languageName' && key !== 'switchToLanguage')
      .map(([, text]) => text)
      .filter((text) => text.nb !== text.nn && !text.nb.includes('{') && text.nb.length > 4)
      .map((text) => text.nb)
      .filter((nb) => body.includes(nb));
    expect(bokmal).toEqual([]);
    // Dates in Norwegian, even where the browser has no Nynorsk locale data (Chromium's has none).
    expect(body).toMatch(/\b\d{1,2}\. (jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)/);
    expect(body).not.toMatch(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/);
    await screenshot(page, 'dashboard-nn.png');
    // The language buttons offer the other two, each named in its own language.
    expect(await page.getByRole('button', { name: 'Bytt til norsk bokmål' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Switch to English' }).count()).toBe(1);
  });

  it("passes an automated WCAG 2.1 AA check (axe-core): the researcher's view and the manager's decision form, light and dark", async () => {
    const views = [
      { who: 'researcher', theme: 'light', personId: people.rita, roles: ['Research.Read'] },
      { who: 'researcher', theme: 'dark', personId: people.rita, roles: ['Research.Read'] },
      { who: 'manager', theme: 'light', personId: people.mats, roles: [] },
      { who: 'manager', theme: 'dark', personId: people.mats, roles: [] },
    ];
    for (const { who, theme, personId, roles } of views) {
      const page = await openDashboard(personId, { lang: 'nb', roles });
      if (theme === 'dark') await page.evaluate("document.body.dataset.theme = 'dark'");
      const article = page.locator(`article.case[data-case-id="${CASE_ID}"]`);
      await article.locator('details.timeline-list summary').click();
      await article.locator('details.stage-doc[data-stage-id="define-challenge"] summary').click();
      if (who === 'manager')
        await article.locator('form.decision').getByLabel('Send tilbake', { exact: true }).check();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const violations = results.violations.map(
        (violation) =>
          `${who} ${theme}: ${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.target.join(' ')}`,
      );
      expect(violations).toEqual([]);
      await page.close();
    }
  });

  it('gives a researcher export buttons that download a pseudonymised export', async () => {
    const page = await openDashboard(people.rita, { lang: 'nb', roles: ['Research.Read'] });
    // A researcher who is not a participant sees the case as an export shows it: without names.
    const text = await page.locator('article.case').innerText();
    expect(text).not.toContain(names.olga);
    expect(text).toContain('Deltaker');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-buttons button[data-format="markdown"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const file = await download.path();
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('Hverdagsrehabilitering');
    expect(markdown).not.toContain(names.olga);
    await poll(() => page.locator('.export-status').innerText()).toContain(download.suggestedFilename());

    // The download went through the research API, which audited it.
    const audited: string[] = [];
    for await (const record of storage.audit.list()) audited.push(`${record.requestedBy} ${record.format}`);
    expect(audited).toContain(`${people.rita} markdown`);
  });

  it('in Teams: signs in with the single sign-on token and shows the chat named by the Teams context', async () => {
    // A stand-in for the Teams web client on its real origin: it frames the tab and answers teams-js'
    // messages (initialize, getContext, getAuthToken) as Teams does. The tab's Content Security Policy
    // lets teams.microsoft.com frame it. The "SSO token" is a development token: the stack has no tenant.
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_MS);
    const ssoToken = await token(people.mats);
    await page.route('https://teams.microsoft.com/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: fakeTeamsHost(`${APP_ORIGIN}/api/tab`, ssoToken, CHAT),
      }),
    );
    // The app on an https origin of its own, as in Azure (Chromium will not let a public page frame
    // loopback): every request to it is answered by the local stack.
    await page.route(`${APP_ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${base}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    await page.goto('https://teams.microsoft.com/_#/apps/dashboard');
    const tab = page.frameLocator('#tab');
    await tab.locator('svg.timeline').first().waitFor();
    expect(await tab.locator('article.case').count()).toBe(2);
    expect(await tab.locator('[data-section="waiting"] li').count()).toBe(1);
    // Language and theme come from the Teams context (nb-NO, dark); no sign-in form, no language query.
    expect(await tab.locator('html').getAttribute('lang')).toBe('nb');
    expect(await tab.locator('body').getAttribute('data-theme')).toBe('dark');
    expect(await tab.locator('form.sign-in').count()).toBe(0);
    const calls = await page.evaluate<string[]>('window.teamsCalls');
    expect(calls).toEqual(
      expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
    );
    await screenshot(page, 'dashboard-in-teams.png');

    // A link back to a Teams message opens in Teams (teams-js), not in a new browser window.
    const pages = context.pages().length;
    const kept = tab.locator('article.case', { hasText: 'Tittel & «sak»' });
    await kept.locator('details.timeline-list summary').click();
    await kept.getByRole('link', { name: 'Åpne meldingen' }).click();
    await poll(() => page.evaluate<string[]>('window.teamsLinks')).toEqual([MESSAGE_LINK]);
    expect(context.pages()).toHaveLength(pages);

    // This Chromium refuses a framed page local storage (third-party storage blocked, as some people set
    // their browser): choosing English still works, and after a reload the page follows Teams again
    // instead of failing. (test/e2e/dashboardAxis.test.ts shows the choice kept after a reload where the
    // page may keep local storage: outside Teams.)
    await tab.getByRole('button', { name: 'Switch to English' }).click();
    await poll(() => tab.locator('h1').innerText()).toBe('Overview of the cases');
    await page.reload();
    await tab.locator('svg.timeline').first().waitFor();
    expect(await tab.locator('html').getAttribute('lang')).toBe('nb');
  });

  it('framed by something that is not Teams, it stops waiting for Teams and asks for a token', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_MS);
    // Served by the app's own origin, so the tab's frame-ancestors allows it; nobody answers teams-js.
    await page.route(`${base}/not-teams`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><iframe id="tab" src="${base}/api/tab?lang=en" style="width:1000px;height:700px"></iframe>`,
      }),
    );
    await page.goto(`${base}/not-teams`);
    await page.frameLocator('#tab').locator('form.sign-in').waitFor();
    expect(await page.frameLocator('#tab').locator('h2').innerText()).toBe('Sign in');
  });

  it('lets a manager decide the gate on the dashboard: a send-back with its reason, by keyboard', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_MS);
    await page.goto(
      `${base}/api/tab?lang=nb&conversation=${encodeURIComponent(DECIDE_CHAT)}#token=${await token(people.mats)}`,
    );
    const form = page.locator('form.decision[data-case-id="case-decide"]');
    await form.waitFor();
    // A reason is required for a send-back: sending without one says so and records nothing.
    await form.getByLabel('Send tilbake', { exact: true }).check();
    await form.getByRole('button', { name: 'Send vurderingen' }).click();
    await poll(() => form.locator('.decision-status').innerText()).toContain('«Begrunnelse» må fylles ut.');
    expect((await storage.log.readHead('case-decide'))?.state.gate).toBeDefined();

    await form.getByLabel('Begrunnelse').fill('Vi trenger tall fra nattevaktene først.');
    // The next stop after the reason is the button (the fields of other outcomes are hidden).
    await form.getByLabel('Begrunnelse').press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Send vurderingen');
    await page.keyboard.press('Enter');
    // Recorded; this stack's chat was never installed (the case was seeded), so it could not be told.
    await poll(() => page.locator('#status').innerText()).toBe(
      'Vurderingen er lagret, men chatten kunne ikke varsles nå. Saken viser den likevel.',
    );
    await expect
      .poll(() => page.locator('[data-section="waiting"]').innerText())
      .toContain('Ingen porter venter på deg.');
    const state = (await storage.log.readHead('case-decide'))?.state;
    expect(state?.gate).toBeUndefined();
    expect(state?.recentDecisions[0]).toMatchObject({
      outcome: 'sentBack',
      deciderIds: [people.mats],
      reason: 'Vi trenger tall fra nattevaktene først.',
    });
    await screenshot(page, 'dashboard-decided.png');
  });

  it('shows titles and ideas that look like markup as text, running nothing', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_MS);
    await page.goto(
      `${base}/api/tab?lang=nb&conversation=${encodeURIComponent(CHAT)}#token=${await token(people.mats)}`,
    );
    const article = page.locator('article.case[data-case-id="case-markup"]');
    await article.locator('svg.timeline').waitFor();
    expect(await article.locator('h3').innerText()).toBe(
      '<img src=x onerror="window.injected=1">Tittel & «sak»',
    );
    await article.locator('details.timeline-list summary').click();
    expect(await article.locator('.timeline-list li[data-kind="idea"]').first().innerText()).toContain(
      '<script>window.injected=2</script>',
    );
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate('window.injected')).toBeUndefined();
  });

  it('asks for a token outside Teams, and asks again when the token is refused', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_MS);
    await page.goto(`${base}/api/tab?lang=nb`);
    const form = page.locator('form.sign-in');
    await form.waitFor();
    // The token field has focus and a label.
    expect(await page.evaluate('document.activeElement?.id')).toBe('dev-token');
    const formCheck = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(formCheck.violations.map((violation) => violation.id)).toEqual([]);
    await page.getByLabel('Utviklingstoken').fill('not-a-token');
    await page.getByRole('button', { name: 'Vis oversikten' }).click();
    await poll(() => form.locator('[role="alert"]').innerText()).toContain('ikke gyldig');

    // A good token without a conversation shows all of the person's cases, in every chat.
    await page.getByLabel('Utviklingstoken').fill(await token(people.olga));
    await page.getByRole('button', { name: 'Vis oversikten' }).click();
    await poll(() => page.locator('article.case').count()).toBe(5);
    expect(await page.locator('.scope').innerText()).toBe('Alle sakene du er med i.');
  });
});
