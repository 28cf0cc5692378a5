/**
 * `npm start` with the Microsoft 365 Agents Playground, used as a person would: the real entry point in a
 * child process (bot, Azurite, playground), and headless Chromium (Debian's `chromium`, driven by
 * playwright-core) typing into the playground's group chat and pressing card buttons.
 *
 * Covers what only a Teams-like client shows: @mentions reaching the bot in a group chat, replies rendered
 * in the chat, Adaptive Cards rendered, and Action.Execute (invoke `adaptiveCard/action`) replacing a card
 * in place with the bot's answer. The dashboard link `npm start` prints then shows the case just made.
 * Then Ctrl-C (SIGINT) stops everything, the playground included.
 *
 * Chromium as test/support/localStack.ts finds it; without it the test fails, saying how to install it (it
 * never skips). A screenshot of the chat is saved to test-results/playground.png (not committed).
 *
 * The people and chat names come from the committed .m365agentsplayground.yml.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { TEAMS_JS_VALID_DOMAINS_URL } from '../../functions/shared/tabAssets';
import {
  answerTeamsJsValidDomains,
  freePort,
  launchChromium,
  requireChromium,
  root,
  startStack,
  type Cleanups,
} from '../support/localStack';
import { expectText, GROUP_CHAT, REPLY_MS, sayToBot, STACK_READY_MS } from '../support/playgroundPage';

const screenshotFile = path.join(root, 'test-results', 'playground.png');

/** Every wait below is bounded (this and the playground page's deadlines) inside the test's own timeout. */
const STOP_MS = 10_000;

const temp = mkdtempSync(path.join(tmpdir(), 'playground-e2e-'));
const cleanups: Cleanups = [];
afterAll(async () => {
  // Last in, first out: the browser before the stack. Each step is bounded and may fail alone.
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  rmSync(temp, { recursive: true, force: true });
});

/** Every process's id and arguments: from /proc on Linux, from `ps` elsewhere (arguments split on spaces). */
function processes(): { pid: number; args: string[] }[] {
  if (!existsSync('/proc/self/cmdline')) {
    return execFileSync('ps', ['-axo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid]) => pid !== undefined && /^\d+$/.test(pid))
      .map(([pid, ...args]) => ({ pid: Number(pid), args }));
  }
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.push({ pid: Number(entry), args: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      continue; // Gone meanwhile.
    }
  }
  return found;
}

/** Running playground processes on this port. */
function playgroundProcesses(port: number): number[] {
  return processes()
    .filter(({ args }) => {
      const portArg = args.indexOf('-p');
      return args.some((arg) => arg.endsWith('playgroundPreload.mjs')) && args[portArg + 1] === String(port);
    })
    .map(({ pid }) => pid);
}

/** A chat message (rendered Markdown) with this text; the log panel and chat list use other elements. */
function chatLine(page: Page, text: RegExp): Locator {
  return page.locator('p', { hasText: text }).last();
}

describe('npm start with the Agents Playground, in headless Chromium', () => {
  it(
    'opens a case in the group chat, answers a question and works the cards',
    { timeout: 90_000 },
    async () => {
      requireChromium();
      const started = Date.now();
      const times: string[] = [];
      const mark = (what: string) => times.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // ── The stack, as `npm start` runs it ──────────────────────────────────────────────────────────
      const [port, azuritePort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
      const stack = startStack(
        temp,
        {
          PORT: String(port),
          AZURITE_TABLE_PORT: String(azuritePort),
          PLAYGROUND_PORT: String(playgroundPort),
        },
        cleanups,
      );
      await expect
        .poll(() => stack.output(), { timeout: STACK_READY_MS, interval: 100 })
        .toMatch(/Playground: .*\n/);
      const playgroundUrl = /Playground: (http:\/\/localhost:\d+)/.exec(stack.output())?.[1];
      expect(playgroundUrl, stack.output()).toBe(`http://localhost:${playgroundPort}`);
      // Exactly one playground, a child of the stack, on the port it was given.
      expect(playgroundProcesses(playgroundPort), stack.output()).toHaveLength(1);
      mark('stack ready');

      // ── The browser: a fresh profile; nothing outside this machine is fetched ───────────────────────
      // The playground's page asks Microsoft's CDN for its fonts (README says so); it works without them.
      // Nothing else may leave this machine: anything outside loopback is refused, and listed.
      const { context, outside } = await launchChromium(path.join(temp, 'chromium-profile'), cleanups);
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(REPLY_MS);
      mark('browser up');

      try {
        await page.goto(playgroundUrl!, { timeout: 30_000 });
        mark('page loaded');
        await page.locator(`button[aria-label="${GROUP_CHAT}"]`).click();
        // Installing the bot in the group chat makes it say hello with a card.
        await expectText(page.locator('.ac-adaptiveCard').first(), /Open a case|Start en sak/);
        mark('welcomed');

        // ── "hjelp": the README's first step ────────────────────────────────────────────────────────────
        await sayToBot(page, 'hjelp');
        await expectText(page.locator('.ac-adaptiveCard').nth(1), /new case|ny sak/);
        mark('help shown');

        // ── A case from a chat command, then the first question, answered in the chat ──────────────────
        await sayToBot(page, 'ny sak Hverdagsrehabilitering');
        await expectText(chatLine(page, /Hverdagsrehabilitering/), /is open|er startet/);
        await expectText(
          chatLine(page, /Question 1 of 8|Spørsmål 1 av 8/),
          /What is the challenge and the need\?|Hva er utfordringen og behovet\?/,
        );
        mark('case opened');

        await sayToBot(
          page,
          'Mange eldre mister funksjon etter sykehusopphold og blir avhengige av hjemmetjenester.',
        );
        await expectText(
          chatLine(page, /Saved the answer|Lagret svaret/),
          /What is the challenge and the need\?|Hva er utfordringen og behovet\?/,
        );
        await chatLine(page, /Question 2 of 8|Spørsmål 2 av 8/).waitFor();
        mark('question answered');

        // ── The status card shows the answer ────────────────────────────────────────────────────────────
        await sayToBot(page, 'status');
        const cards = page.locator('.ac-adaptiveCard');
        const statusCard = cards.last();
        await expectText(statusCard, 'Hverdagsrehabilitering');
        await expectText(statusCard, 'Mange eldre mister funksjon etter sykehusopphold');
        const cardCount = await cards.count();

        // ── Action.Execute: the card is replaced in place by the stage form ─────────────────────────────
        await statusCard.getByRole('button', { name: /Document this stage|Dokumenter steget/ }).click();
        const form = cards.last();
        await expectText(form, /Document: Define the challenge|Dokumenter: Definere utfordringsbildet/);
        expect(await cards.count()).toBe(cardCount);

        // ── A form answer saved through the card; the card says so, and the status card shows it ────────
        await form
          .getByLabel(
            /Which services and user groups are affected\?|Hvilke tjenester og brukergrupper berøres\?/,
          )
          .fill('Hjemmesykepleie og praktisk bistand; hjemmeboende over 67 år.');
        await form.getByRole('button', { name: /^(Save|Lagre)$/ }).click();
        await expectText(form, /Saved 1 change\.|Lagret 1 endring\./);
        await form.getByRole('button', { name: /Show status|Vis status/ }).click();
        await expectText(form, /Request review|Be om vurdering/);
        await expectText(form, 'Hjemmesykepleie og praktisk bistand; hjemmeboende over 67 år.');
        expect(await cards.count()).toBe(cardCount);
        mark('cards worked');

        mkdirSync(path.dirname(screenshotFile), { recursive: true });
        await page.screenshot({ path: screenshotFile });

        // ── The dashboard link `npm start` printed opens the tab as the playground's user ───────────────
        const dashboardLink = /Dashboard: (http\S+#token=\S+)/.exec(stack.output())?.[1];
        expect(dashboardLink, stack.output()).toBeDefined();
        // The dashboard's teams-js asks Microsoft's CDN for its valid domains: answered here as the CDN would.
        await answerTeamsJsValidDomains(context, TEAMS_JS_VALID_DOMAINS_URL);
        const dashboard = await context.newPage();
        await dashboard.goto(dashboardLink!);
        const caseArticle = dashboard.locator('article.case', { hasText: 'Hverdagsrehabilitering' });
        await caseArticle.locator('svg.timeline .band[data-stage-id="define-challenge"]').waitFor();
        await expectText(caseArticle.locator('dl.facts'), /owner|eier/);
        await expectText(
          caseArticle.locator('details.stage-doc[data-stage-id="define-challenge"]'),
          'Mange eldre mister funksjon etter sykehusopphold',
        );
        mark('dashboard shown');
        expect([...outside].filter((host) => host !== 'res-1.cdn.office.net')).toEqual([]);
      } catch (error) {
        mkdirSync(path.dirname(screenshotFile), { recursive: true });
        await page
          .screenshot({ path: screenshotFile.replace(/\.png$/, '-failed.png') })
          .catch(() => undefined);
        throw new Error(
          `${String(error)}\n--- npm start output ---\n${stack.output()}\n--- timings ---\n${times.join('\n')}`,
        );
      }
      await context.close();

      // ── Ctrl-C stops the stack, the playground first; nothing is left behind ─────────────────────────
      stack.child.kill('SIGINT');
      const code = await Promise.race([
        stack.exit,
        new Promise<string>((resolve) => setTimeout(resolve, STOP_MS, 'still running')),
      ]);
      expect(code, stack.output()).toBe(0);
      expect(playgroundProcesses(playgroundPort), stack.output()).toEqual([]);
      await expect(fetch(playgroundUrl!)).rejects.toThrow();
      mark('stopped');
      console.log(`playground e2e: ${times.join(', ')}`);
    },
  );
});
