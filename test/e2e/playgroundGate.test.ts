/**
 * A gate in the Agents Playground that `npm start` opens, in headless Chromium, as a project group works
 * it: the owner opens a case with a manager, a member documents the stage in the chat, the owner asks for
 * the review, and the manager decides on the approval card in the chat. The playground always sends as
 * its one configured user, so the people take turns through the local-only "opptre som …" ("act as …").
 *
 * Two cases, each with a stack of its own: a manager approves on the card; a manager sends back, the
 * unchanged resubmission is refused with the reason, and a revised one goes through. Screenshots go to
 * test-results/ (not committed).
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { root, type Cleanups } from '../support/localStack';
import { expectText, openPlayground, REPLY_MS, sayToBot } from '../support/playgroundPage';

const temps: string[] = [];
const cleanups: Cleanups = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  for (const temp of temps) rmSync(temp, { recursive: true, force: true });
});

/** The paragraphs of the chat's rendered messages. */
function lines(page: Page, text: RegExp): Locator {
  return page.locator('p', { hasText: text });
}

/** Says something and waits until one more chat line matches `reply`. */
async function sayAndWait(page: Page, text: string, reply: RegExp, mentions: string[] = []): Promise<string> {
  const before = await lines(page, reply).count();
  await sayToBot(page, text, mentions);
  await expect
    .poll(() => lines(page, reply).count(), { timeout: REPLY_MS, interval: 200 })
    .toBeGreaterThan(before);
  return lines(page, reply).last().innerText();
}

const QUESTION = /Spørsmål \d+ av \d+/;
const READY = /Alle påkrevde spørsmål i «Definere utfordringsbildet» er besvart/;

/**
 * Answers the stage's questions in the chat until the bot says every required one is answered: a choice
 * by its number, a text with a sentence, an optional question skipped.
 */
async function documentStageInChat(page: Page): Promise<void> {
  await sayAndWait(page, 'neste', QUESTION);
  for (let guard = 0; guard < 14; guard += 1) {
    if ((await lines(page, READY).count()) > 0) return;
    const question = await lines(page, QUESTION).last().innerText();
    const answer = /valgfritt/.test(question)
      ? 'hopp over'
      : /Svar med ett/.test(question)
        ? '1'
        : 'Mange eldre mister funksjon etter sykehusopphold og venter lenge på hjemmetjenester.';
    const before = (await lines(page, QUESTION).count()) + (await lines(page, READY).count());
    await sayToBot(page, answer);
    await expect
      .poll(async () => (await lines(page, QUESTION).count()) + (await lines(page, READY).count()), {
        timeout: REPLY_MS,
        interval: 200,
      })
      .toBeGreaterThan(before);
  }
  throw new Error('the stage was never ready');
}

/** The owner opens a case with Kari Olsen as its manager; Lars Johansen documents stage 1 in the chat. */
async function caseAtFirstGate(page: Page): Promise<void> {
  await sayAndWait(page, 'ny sak Hverdagsrehabilitering', /er startet/, ['Kari Olsen']);
  await sayAndWait(page, 'opptre som Lars Johansen', /Du opptrer nå som/);
  await documentStageInChat(page);
  await sayAndWait(page, 'opptre som meg', /Du er deg selv igjen/);
}

/** The owner asks for the review; returns the approval card the bot posted in the chat. */
async function requestReview(page: Page): Promise<Locator> {
  const cards = page.locator('.ac-adaptiveCard', { hasText: /Vurdering av porten etter/ });
  const before = await cards.count();
  await sayToBot(page, 'be om vurdering');
  await expect.poll(() => cards.count(), { timeout: REPLY_MS, interval: 200 }).toBeGreaterThan(before);
  return cards.last();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'test-results', `${name}.png`) }).catch(() => undefined);
}

describe('a gate in the Agents Playground, as owner, member and manager', () => {
  it(
    'a manager approves on the card in the chat, and the chat says who decided',
    { timeout: 150_000 },
    async () => {
      const { page, output } = await openPlayground('playground-gate-approve-', temps, cleanups);
      try {
        await caseAtFirstGate(page);
        const card = await requestReview(page);
        await expectText(card, /Er du en av dem som er nevnt over, avgjør du porten her/);

        // The owner may not decide: the card says who may.
        await card.getByRole('button', { name: /^Godkjenn$/ }).click();
        await card.getByRole('button', { name: /Bekreft godkjenning/ }).click();
        await expectText(page.locator('body'), /Bare en leder kan avgjøre porten/);

        await sayAndWait(page, 'opptre som Kari Olsen', /Du opptrer nå som/);
        const decisions = page.locator('.ac-adaptiveCard', { hasText: /Vurdering av porten etter/ }).last();
        await decisions.getByRole('button', { name: /^Godkjenn$/ }).click();
        await decisions
          .getByLabel(/Kommentar/)
          .first()
          .fill('Godt grunnlag for å gå videre.');
        await decisions.getByRole('button', { name: /Bekreft godkjenning/ }).click();
        await expectText(
          lines(page, /er godkjent av/).last(),
          /Porten etter «Definere utfordringsbildet» er godkjent av Kari Olsen/,
        );
        await expectText(page.locator('body'), /Kommentar fra Kari Olsen: Godt grunnlag for å gå videre\./);
        await expectText(page.locator('body'), /Dere går videre til «Politisk forankring»/);
        await expectText(
          page.locator('.ac-adaptiveCard', { hasText: /Vurdering av porten etter/ }).last(),
          /Denne vurderingen er avsluttet/,
        );
        await screenshot(page, 'playground-gate-approved');
      } catch (error) {
        await screenshot(page, 'playground-gate-approved-failed');
        throw new Error(`${String(error)}\n--- npm start output ---\n${output()}`);
      }
    },
  );

  it(
    'a send-back must be answered: unchanged it is refused with the reason, revised it goes through',
    { timeout: 150_000 },
    async () => {
      const { page, output } = await openPlayground('playground-gate-sendback-', temps, cleanups);
      try {
        await caseAtFirstGate(page);
        const card = await requestReview(page);
        await sayAndWait(page, 'opptre som Kari Olsen', /Du opptrer nå som/);
        await card.getByRole('button', { name: /^Send tilbake$/ }).click();
        await card
          .getByLabel(/Begrunnelse/)
          .first()
          .fill('Beskriv hvor lenge brukerne venter.');
        await card.getByRole('button', { name: /Bekreft: Send tilbake/ }).click();
        await expectText(
          lines(page, /har sendt saken tilbake/).last(),
          /Kari Olsen har sendt saken tilbake til en ny runde i «Definere utfordringsbildet»/,
        );
        await expectText(page.locator('body'), /Begrunnelse: Beskriv hvor lenge brukerne venter\./);

        await sayAndWait(page, 'opptre som meg', /Du er deg selv igjen/);
        const refused = await sayAndWait(
          page,
          'be om vurdering',
          /Ingenting er endret siden saken ble sendt tilbake/,
        );
        expect(refused).toContain('«Beskriv hvor lenge brukerne venter.»');

        // Revise the answer the reason is about, through the stage form, then ask again.
        await sayToBot(page, 'skjema');
        const form = page
          .locator('.ac-adaptiveCard', { hasText: /Dokumenter: Definere utfordringsbildet/ })
          .last();
        await form.waitFor();
        await form
          .getByLabel(/Hva er utfordringen og behovet\?/)
          .fill('140 brukere venter i snitt 11 uker på hjemmetjenester.');
        await form.getByRole('button', { name: /^Lagre$/ }).click();
        await expectText(form, /Lagret 1 endring\./);
        const again = await requestReview(page);
        await expectText(again, /\(runde 2\)/);
        await screenshot(page, 'playground-gate-sent-back');
      } catch (error) {
        await screenshot(page, 'playground-gate-sent-back-failed');
        throw new Error(`${String(error)}\n--- npm start output ---\n${output()}`);
      }
    },
  );
});
