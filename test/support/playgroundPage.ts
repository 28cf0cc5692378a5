/**
 * The Agents Playground's page as the browser tests use it: `npm start` on its own ports with the group
 * chat open, a message to the bot (@mentioned, as Teams requires in a group chat), and a bounded wait for
 * a text. The people and chat names come from the committed .m365agentsplayground.yml.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort, launchChromium, requireChromium, startStack, type Cleanups } from './localStack';

export const BOT_NAME = 'Innovasjonsporter';
export const GROUP_CHAT = 'Prosjektgruppe hverdagsrehabilitering';
export const STACK_READY_MS = 45_000;
export const REPLY_MS = 15_000;

/** Types a message that @mentions the bot (and, after it, the people named in `mentions`), and sends it. */
export async function sayToBot(page: Page, text: string, mentions: readonly string[] = []): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click();
  await box.pressSequentially(`@${BOT_NAME.slice(0, 3)}`);
  await page.locator('#typeahead-menu [role=menuitem]', { hasText: BOT_NAME }).click({ timeout: REPLY_MS });
  await box.pressSequentially(` ${text}`);
  for (const name of mentions) {
    await box.pressSequentially(` @${name.slice(0, 3)}`);
    await page.locator('#typeahead-menu [role=menuitem]', { hasText: name }).click({ timeout: REPLY_MS });
  }
  await box.press('Enter');
}

/** Waits (bounded) until the element's text matches; a failure shows the text it had. */
export async function expectText(locator: Locator, text: RegExp | string, timeout = REPLY_MS): Promise<void> {
  await expect
    .poll(() => locator.innerText({ timeout: 1000 }).catch(() => ''), { timeout, interval: 200 })
    .toMatch(text);
}

/** `npm start` on its own ports in a new temporary folder, the playground's group chat open in a fresh browser. */
export async function openPlayground(
  prefix: string,
  temps: string[],
  cleanups: Cleanups,
): Promise<{ page: Page; output: () => string }> {
  requireChromium();
  const temp = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(temp);
  const [port, azuritePort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
  const stack = startStack(
    temp,
    { PORT: String(port), AZURITE_TABLE_PORT: String(azuritePort), PLAYGROUND_PORT: String(playgroundPort) },
    cleanups,
  );
  await expect
    .poll(() => stack.output(), { timeout: STACK_READY_MS, interval: 100 })
    .toMatch(/Playground: .*\n/);
  const { context } = await launchChromium(path.join(temp, 'chromium-profile'), cleanups);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(REPLY_MS);
  await page.goto(`http://localhost:${playgroundPort}`, { timeout: 30_000 });
  await page.locator(`button[aria-label="${GROUP_CHAT}"]`).click();
  await expectText(page.locator('.ac-adaptiveCard').first(), /Open a case|Start en sak/);
  return { page, output: stack.output };
}
