/**
 * Whatever people type – markdown, HTML, mentions, `${x}`, date functions, control characters, emoji,
 * 20,000 characters – every card still validates, parses and fits in a Teams message, and what they
 * typed never reaches a card unescaped. Cases are built through the engine with random text in titles,
 * units, answers, "not applicable" reasons, conditions, reasons, political decisions and names; one
 * more state goes beyond the engine's limits, as a corrupted or foreign state might.
 */
import { describe, expect, test } from 'vitest';
import type { CaseCommand, CaseState } from '../../engine';
import { LIMITS, normaliseText } from '../../engine';
import type { AdaptiveCard } from '../../cards';
import { escapeMarkdown, INPUT_IDS, stageFormCard } from '../../cards';
import { CaseSpecification, openCommand, people, template } from '../engine/caseSpecification';
import { caseCards } from './allCards';
import { displayStrings, expectValidCard, inputValues } from './cardValidation';
import { deciderMentions, LANGUAGES_UNDER_TEST, members } from './cardFixtures';
import { randomText, seededRandom } from './randomText';

interface FuzzCase {
  states: Record<string, CaseState>;
  names: Map<string, string>;
  /** Every user text that went in, as the engine stored it. */
  injected: string[];
}

/** Markup that must never reach a markdown field unescaped (not preceded by a backslash). */
const NEVER_RAW = [
  '<at>Boss',
  '${x}',
  '{{DATE(1999',
  '{{TIME(1999',
  '[x](https://evil',
  '<script',
  '&lt;',
  '&amp;',
  '&#60;',
  '</div>',
].map((token) => ({
  token,
  pattern: new RegExp(`(?<!\\\\)${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
}));
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202e\u2066]/;

function fuzzCase(seed: number): FuzzCase {
  const random = seededRandom(seed);
  const injected: string[] = [];
  /** Random text the engine accepts under `limit`, remembered as the engine will store it. */
  const text = (limit: number, length = Math.floor(random() * Math.min(limit, 400)) + 1): string => {
    for (;;) {
      let value = normaliseText(randomText(random, length));
      if (value.length > limit) value = normaliseText(value.slice(0, limit));
      if (value !== '') {
        injected.push(value);
        return value;
      }
    }
  };
  const names = new Map<string, string>([
    [people.olga, text(200)],
    [people.mads, text(200)],
    [people.mia, text(200)],
    [people.mats, text(200)],
  ]);
  const spec = new CaseSpecification().given(
    people.olga,
    openCommand({ title: text(LIMITS.title), unit: text(LIMITS.unit), municipality: text(LIMITS.unit) }),
  );
  const long = random() < 0.5 ? LIMITS.longText : 2000;
  spec.given(people.olga, {
    type: 'RecordDocumentation',
    stageId: 'define-challenge',
    answers: [
      { promptId: 'challenge', answer: { type: 'text', text: text(LIMITS.longText, long) } },
      {
        promptId: 'trigger',
        answer: { type: 'choice', optionIds: ['finances'], otherText: text(LIMITS.shortText) },
      },
      {
        promptId: 'idea-source',
        answer: { type: 'choice', optionIds: [], otherText: text(LIMITS.shortText) },
      },
      { promptId: 'affected-services', answer: { type: 'text', text: text(LIMITS.longText, long) } },
      { promptId: 'knowledge-gathered', answer: { type: 'notApplicable', reason: text(LIMITS.reason) } },
      { promptId: 'resources', answer: { type: 'text', text: text(LIMITS.longText) } },
      { promptId: 'involved-so-far', answer: { type: 'text', text: text(LIMITS.longText) } },
      {
        promptId: 'users-involved',
        answer: { type: 'notApplicable', reason: text(LIMITS.reason, LIMITS.reason) },
      },
    ],
  });
  const states: Record<string, CaseState> = { answered: spec.current };
  spec.given(people.olga, { type: 'RequestGateReview', stageId: 'define-challenge' });
  states.pending = spec.current;
  const decisions: Extract<CaseCommand, { type: 'DecideGate' }>['decision'][] = [
    { outcome: 'approveWithConditions', conditions: text(LIMITS.reason), comment: text(LIMITS.reason) },
    { outcome: 'sendBack', toStageId: 'define-challenge', reason: text(LIMITS.reason) },
    { outcome: 'pause', reason: text(LIMITS.reason) },
    { outcome: 'stop', reason: text(LIMITS.reason, LIMITS.reason) },
  ];
  const decision = decisions[Math.floor(random() * decisions.length)] ?? { outcome: 'approve' };
  spec.given(people.mia, { type: 'DecideGate', stageId: 'define-challenge', decision });
  states.decided = spec.current;
  if (spec.current.currentStageId === 'political-anchoring') {
    spec.given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'political-anchoring',
      answers: [{ promptId: 'presentation', answer: { type: 'text', text: text(LIMITS.longText) } }],
      politicalDecision: {
        body: text(LIMITS.politicalField),
        meetingDate: '2026-03-12',
        caseNumber: text(LIMITS.politicalField),
        decisionText: text(LIMITS.decisionText, long),
      },
    });
    states.political = spec.current;
  }
  return { states, names, injected };
}

/** Whether `value` occurs in `text` other than right after a backslash (which would escape its start). */
function containsUnescaped(text: string, value: string): boolean {
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
    if (text.charAt(at - 1) !== '\\') return true;
  }
  return false;
}

/** Only text that escaping changes can show up "raw"; plain words read the same either way. */
function risky(injected: readonly string[]): string[] {
  return injected.filter((value) => value.length > 1 && escapeMarkdown(value) !== value);
}

/** What one card's check looked at, so a test can tell that it checked something. */
interface Checked {
  /** Strings shown as markdown, which the raw-markup checks read. */
  markdownStrings: number;
  /** The risky user texts found on the card, escaped (their beginning: long texts are shortened). */
  foundEscaped: Set<string>;
}

function expectNothingRaw(card: AdaptiveCard, risky: readonly string[], label: string): Checked {
  const checked: Checked = { markdownStrings: 0, foundEscaped: new Set() };
  const strings = displayStrings(card);
  for (const { text, path, markdown } of strings) {
    expect(INVISIBLE.test(text), `${label}: invisible character at ${path}`).toBe(false);
    expect(text.includes('${'), `${label}: \${ at ${path}`).toBe(false);
    if (!markdown) continue;
    checked.markdownStrings += 1;
    for (const { token, pattern } of NEVER_RAW)
      expect(pattern.test(text), `${label}: ${token} raw at ${path}`).toBe(false);
    for (const value of risky) {
      expect(
        containsUnescaped(text, value),
        `${label}: user text ${JSON.stringify(value)} raw at ${path}`,
      ).toBe(false);
      // Cards shorten long text: its escaped beginning is what shows that it arrived.
      if (text.includes(escapeMarkdown(value).slice(0, 24))) checked.foundEscaped.add(value);
    }
  }
  return checked;
}

const SEEDS = Array.from({ length: 16 }, (_, index) => 1000 + index * 7919);

describe('random user text on every card', () => {
  test.each(SEEDS)('seed %i: cards stay valid, and user text stays literal', (seed) => {
    const { states, names, injected } = fuzzCase(seed);
    const needEscaping = risky(injected);
    const who = {
      names,
      mentions: deciderMentions.map((mention, index) => ({
        ...mention,
        name: names.get(index === 0 ? people.mia : people.mats) ?? '',
      })),
      members: [...names].map(([personId, name]) => ({ personId, name })),
    };
    let cards = 0;
    let markdownStrings = 0;
    const foundEscaped = new Set<string>();
    for (const language of LANGUAGES_UNDER_TEST) {
      for (const [stateName, state] of Object.entries(states)) {
        for (const { name, card } of caseCards(stateName, state, language, who)) {
          const label = `seed ${seed} ${language} ${name}`;
          expectValidCard(card, label);
          const checked = expectNothingRaw(card, needEscaping, label);
          cards += 1;
          markdownStrings += checked.markdownStrings;
          for (const value of checked.foundEscaped) foundEscaped.add(value);
        }
      }
    }
    // The checks above looked at something: cards were built, markdown was read, and user text that
    // escaping changes was generated and reached the cards (escaped), so a broken generator fails here.
    expect(cards).toBeGreaterThan(0);
    expect(markdownStrings).toBeGreaterThan(0);
    expect(needEscaping.length).toBeGreaterThan(0);
    expect(foundEscaped.size).toBeGreaterThan(0);
  });

  test.each(SEEDS.slice(0, 8))(
    'seed %i: a form never cuts an answer: each input holds the full text or none',
    (seed) => {
      const { states, names } = fuzzCase(seed);
      const state = states.answered;
      if (!state) throw new Error('no state');
      const card = stageFormCard({ state, template, language: 'nb', names, members });
      const values = inputValues(card);
      const compared = { text: 0, notApplicable: 0 };
      for (const [promptId, record] of Object.entries(state.answers)) {
        const answer = record.answer;
        if (answer.type === 'text') {
          const value = values.get(INPUT_IDS.answer(promptId));
          if (value !== undefined) {
            expect(value).toBe(answer.text);
            compared.text += 1;
          }
        }
        if (answer.type === 'notApplicable') {
          const value = values.get(INPUT_IDS.notApplicable(promptId));
          if (value !== undefined) {
            expect(value).toBe(answer.reason);
            compared.notApplicable += 1;
          }
        }
      }
      // The case holds text and "not applicable" answers (see fuzzCase): the form showed some of each
      // in full, so a form or a generator that drops them all fails here.
      expect(compared.text).toBeGreaterThan(0);
      expect(compared.notApplicable).toBeGreaterThan(0);
    },
  );
});

describe('beyond the engine limits (a corrupted or foreign state)', () => {
  test('20,000-character titles, names and 60,000-character answers still give valid cards within the size limit', () => {
    const random = seededRandom(42);
    const { states } = fuzzCase(42);
    const base = states.answered;
    if (!base) throw new Error('no state');
    const huge = (length: number): string => randomText(random, length);
    const state: CaseState = {
      ...base,
      title: huge(20_000),
      unit: huge(20_000),
      answers: {
        ...base.answers,
        challenge: { ...base.answers.challenge!, answer: { type: 'text', text: huge(60_000) } },
      },
    };
    const names = new Map([
      [people.olga, huge(20_000)],
      [people.mia, huge(20_000)],
    ]);
    const who = {
      names,
      mentions: [{ personId: '29:mia', name: huge(20_000) }],
      members: [...names].map(([personId, name]) => ({ personId, name })),
    };
    const riskyTitle = risky([state.title]);
    expect(riskyTitle, 'the huge title holds text that escaping changes').toHaveLength(1);
    let markdownStrings = 0;
    for (const language of LANGUAGES_UNDER_TEST) {
      for (const { name, card } of caseCards('huge', state, language, who)) {
        expectValidCard(card, `${language} ${name}`);
        markdownStrings += expectNothingRaw(card, riskyTitle, `${language} ${name}`).markdownStrings;
      }
    }
    expect(markdownStrings).toBeGreaterThan(0);
  });
});
