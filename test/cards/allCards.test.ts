/**
 * Every card the bot can send, in every language and in every situation of the fixtures, is a valid
 * Adaptive Card 1.5 by the official schema and by the adaptivecards library, fits in a Teams message,
 * carries only verbs from cards/verbs.ts and has no unresolved template expression.
 */
import { describe, expect, test } from 'vitest';
import { allCards } from './allCards';
import { expectValidCard, libraryProblems, schemaErrors } from './cardValidation';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS, welcomeCard } from '../../cards';
import { LANGUAGES } from '../../engine';

const corpus = allCards();

describe('every card the bot sends', () => {
  test('the corpus covers every language and every builder', () => {
    const perLanguage = LANGUAGES.map(
      (language) => corpus.filter((entry) => entry.language === language).length,
    );
    expect(perLanguage[0]).toBeGreaterThan(0);
    expect(new Set(perLanguage).size).toBe(1);
    for (const view of [
      'welcome',
      'help',
      'notice',
      'open case form',
      'status',
      'stage form',
      'approval (decider)',
      'approval (observer)',
      'approval (shared)',
      'approval (decided)',
      'recorded',
    ]) {
      expect(
        corpus.some((entry) => entry.name.startsWith(view)),
        view,
      ).toBe(true);
    }
  });

  test.each(corpus.map((entry) => [`${entry.language} · ${entry.name}`, entry] as const))(
    '%s is valid',
    (label, entry) => {
      expectValidCard(entry.card, label);
    },
  );
});

describe('the validators themselves, so a pass means something', () => {
  const card = welcomeCard('en');
  const withBody = (extra: unknown[]): AdaptiveCard =>
    ({ ...card, body: [...card.body, ...extra] }) as unknown as AdaptiveCard;

  test('the schema rejects a misspelt element and a misspelt property', () => {
    expect(schemaErrors(withBody([{ type: 'TextBlok', text: 'x' }])).length).toBeGreaterThan(0);
    expect(schemaErrors(withBody([{ type: 'TextBlock', text: 'x', wrapp: true }])).length).toBeGreaterThan(0);
  });

  test('the library flags duplicate input ids and elements above 1.5', () => {
    const input = { type: 'Input.Text', id: 'same' };
    expect(libraryProblems(withBody([input, input])).length).toBeGreaterThan(0);
    const above = {
      ...card,
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'x', requires: {} },
        { type: 'Carousel', pages: [] },
      ],
    };
    expect(libraryProblems(above as unknown as AdaptiveCard).length).toBeGreaterThan(0);
  });

  test('the house rules catch an unknown verb, missing data and an unresolved expression', () => {
    const withAction = (action: unknown): AdaptiveCard =>
      ({ ...card, actions: [action] }) as unknown as AdaptiveCard;
    expect(() =>
      expectValidCard(withAction({ type: 'Action.Execute', verb: 'approveEverything', data: {} })),
    ).toThrow();
    expect(() =>
      expectValidCard(
        withAction({ type: 'Action.Execute', verb: CARD_VERBS.decideGate, data: { caseId: 'c' } }),
      ),
    ).toThrow();
    expect(() => expectValidCard(withBody([{ type: 'TextBlock', text: 'Hei ${name}' }]))).toThrow();
  });
});
