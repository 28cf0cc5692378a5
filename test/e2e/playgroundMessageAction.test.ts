/**
 * The message action in the Microsoft 365 Agents Playground, as a person uses it there (`npm start`,
 * headless Chromium): a message's "…" menu → "Action Command", the command id `keepMessage` and
 * "Adaptive Cards" (the playground has no manifest, so it asks for what Teams reads from it), then the
 * bot's dialog with the message filled in, and "Ta vare på": the dialog closes and the chat says the
 * message was kept. The README's steps are these.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cleanups } from '../support/localStack';
import { expectText, openPlayground, REPLY_MS, sayToBot } from '../support/playgroundPage';

const temps: string[] = [];
const cleanups: Cleanups = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  for (const temp of temps) rmSync(temp, { recursive: true, force: true });
});

describe('the message action in the Agents Playground', () => {
  it('keeps a chat message as an idea from its "…" menu', { timeout: 90_000 }, async () => {
    const { page } = await openPlayground('playground-action-', temps, cleanups);
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
  });
});
