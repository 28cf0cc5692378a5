/**
 * The message action in the Microsoft 365 Agents Playground, as a person uses it there (`npm start`,
 * headless Chromium): a message's "…" menu → "Action Command", the command id `keepMessage` and
 * "Adaptive Cards" (the playground has no manifest, so it asks for what Teams reads from it), then the
 * bot's dialog with the message filled in, and "Ta vare på": the dialog closes and the chat says the
 * message was kept. The README's steps are these.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, launchChromium, requireChromium, startStack, type Cleanups } from '../support/localStack';

const BOT_NAME = 'Innovasjonsporter';
const GROUP_CHAT = 'Prosjektgruppe hverdagsrehabilitering';
const STACK_READY_MS = 45_000;
const REPLY_MS = 15_000;

const temp = mkdtempSync(path.join(tmpdir(), 'playground-action-'));
const cleanups: Cleanups = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  rmSync(temp, { recursive: true, force: true });
});

async function sayToBot(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click();
  await box.pressSequentially(`@${BOT_NAME.slice(0, 3)}`);
  await page.locator('#typeahead-menu [role=menuitem]', { hasText: BOT_NAME }).click({ timeout: REPLY_MS });
  await box.pressSequentially(` ${text}`);
  await box.press('Enter');
}

async function expectText(locator: Locator, text: RegExp | string, timeout = REPLY_MS): Promise<void> {
  await expect
    .poll(() => locator.innerText({ timeout: 1000 }).catch(() => ''), { timeout, interval: 200 })
    .toMatch(text);
}

describe('the message action in the Agents Playground', () => {
  it('keeps a chat message as an idea from its "…" menu', { timeout: 90_000 }, async () => {
    requireChromium();
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
    const { context } = await launchChromium(path.join(temp, 'chromium-profile'), cleanups);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(REPLY_MS);

    await page.goto(`http://localhost:${playgroundPort}`, { timeout: 30_000 });
    await page.locator(`button[aria-label="${GROUP_CHAT}"]`).click();
    await page.locator('.ac-adaptiveCard').first().waitFor();
    await sayToBot(page, 'ny sak Hverdagsrehabilitering');
    await expectText(page.locator('p', { hasText: /Hverdagsrehabilitering/ }).last(), /er startet/);
    await sayToBot(page, 'Kanskje nattevakten kan ringe dagen etter?');
    await page
      .locator('p', { hasText: /Lagret svaret/ })
      .last()
      .waitFor();

    // The message's "…" menu: the message before the bot's answer to it.
    const message = page.locator('p', { hasText: 'Kanskje nattevakten kan ringe dagen etter?' }).last();
    await message.hover();
    const menus = page.getByRole('button', { name: 'Show more information' });
    const ours = menus.nth((await menus.count()) - 2);
    await ours.click();
    await page.getByRole('menuitem', { name: 'Action Command' }).click();
    const setup = page.getByRole('dialog').last();
    await setup.locator('input[type=text]').first().fill('keepMessage');
    await setup.getByRole('radio', { name: /Adaptive Cards/ }).check();
    await setup.getByRole('button', { name: 'Create' }).click();

    const dialog = page.locator('[role=dialog] .ac-adaptiveCard').last();
    await expectText(dialog, /Ta vare på som idé eller barriere/);
    await expectText(dialog, /Fra Ingrid Hansen/);
    await expect
      .poll(() => dialog.locator('textarea').first().inputValue(), { timeout: REPLY_MS })
      .toBe('Kanskje nattevakten kan ringe dagen etter?');
    await dialog.getByRole('button', { name: 'Ta vare på' }).click();

    await expectText(
      page.locator('p', { hasText: /tok vare på/ }).last(),
      'Ingrid Hansen tok vare på sin egen melding som idé i «Hverdagsrehabilitering».',
    );
    await page.screenshot({ path: path.join(temp, 'kept.png') });
  });
});
