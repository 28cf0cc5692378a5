/**
 * The stage form asks exactly the current stage's questions, each with the input its kind needs,
 * prefilled with the latest answer, and says what was saved after a submit.
 */
import { describe, expect, test } from 'vitest';
import type { CaseState, Language } from '../../engine';
import { LIMITS } from '../../engine';
import {
  CARD_BYTE_BUDGET,
  cardBytes,
  CARD_VERBS,
  INPUT_IDS,
  OTHER_CHOICE,
  parseStageFormSubmission,
  stageFormCard,
} from '../../cards';
import { press } from './teamsClient';
import { inputById, inputsOf, readCard, verbsOf } from './cardReading';
import { atStage, caseStates, members, names, opened, people, STAGE_IDS, template } from './cardFixtures';

const states = caseStates();
const form = (state: CaseState, language: Language = 'en') =>
  stageFormCard({ state, template, language, names, members });
const fixture = (name: string): CaseState => {
  const state = states[name];
  if (!state) throw new Error(`No fixture ${name}`);
  return state;
};

describe('one input per question of the current stage, by kind', () => {
  test.each(STAGE_IDS)('%s', (stageId) => {
    const stage = template.stages.find((candidate) => candidate.id === stageId)!;
    const card = form(fixture(`current:${stageId}`));
    const answerInputs = inputsOf(card).filter((input) => input.id.startsWith('answer.'));
    expect(answerInputs.map((input) => input.id)).toEqual(
      stage.prompts.map((prompt) => INPUT_IDS.answer(prompt.id)),
    );
    for (const prompt of stage.prompts) {
      const input = inputById(card, INPUT_IDS.answer(prompt.id))!;
      expect(input.label).toBe(`${prompt.label.en} (${prompt.required ? 'required' : 'optional'})`);
      expect(readCard(card)).toContain(prompt.help.en);
      expect(inputById(card, INPUT_IDS.notApplicable(prompt.id))).toMatchObject({
        type: 'Input.Text',
        maxLength: LIMITS.reason,
      });
      switch (prompt.kind) {
        case 'shortText':
          expect(input).toMatchObject({ type: 'Input.Text', maxLength: LIMITS.shortText });
          expect(input.isMultiline).toBeUndefined();
          break;
        case 'longText':
          expect(input).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: LIMITS.longText });
          break;
        case 'date':
          expect(input.type).toBe('Input.Date');
          break;
        case 'number':
          expect(input.type).toBe('Input.Number');
          break;
        case 'link':
          expect(input).toMatchObject({ type: 'Input.Text', style: 'Url' });
          break;
        case 'singleChoice':
          expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact' });
          expect(input.isMultiSelect).toBeUndefined();
          break;
        case 'multipleChoice':
          expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded', isMultiSelect: true });
          break;
        case 'person':
          expect(input).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true });
          expect((input.choices as { value: string }[]).map((choice) => choice.value)).toEqual(
            members.map((member) => member.personId),
          );
          break;
      }
      if (prompt.allowOther) {
        expect(inputById(card, INPUT_IDS.other(prompt.id))?.type).toBe('Input.Text');
        expect((input.choices as { value: string }[]).some((choice) => choice.value === OTHER_CHOICE)).toBe(
          true,
        );
      } else {
        expect(inputById(card, INPUT_IDS.other(prompt.id))).toBeUndefined();
      }
    }
  });
});

describe('prefilled with the latest answers', () => {
  test('the newest revision of an answer is what the input holds', () => {
    const spec = opened()
      .given(people.olga, {
        type: 'RecordDocumentation',
        stageId: 'define-challenge',
        answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'Første utkast' } }],
      })
      .given(people.olga, {
        type: 'RecordDocumentation',
        stageId: 'define-challenge',
        answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'Andre utkast, etter møtet' } }],
      });
    expect(spec.current.answers.challenge?.revision).toBe(2);
    const card = form(spec.current);
    expect(inputById(card, INPUT_IDS.answer('challenge'))?.value).toBe('Andre utkast, etter møtet');
    expect(readCard(card)).toContain('Last answered');
  });

  test('choices, "other" text and "not applicable" come back as they were recorded', () => {
    const card = form(fixture('partlyAnswered'));
    expect(inputById(card, INPUT_IDS.answer('trigger'))?.value).toBe(
      `demography,recruitment,${OTHER_CHOICE}`,
    );
    expect(inputById(card, INPUT_IDS.other('trigger'))?.value).toBe('Nye boliger');
    expect(inputById(card, INPUT_IDS.answer('idea-source'))?.value).toBe('employees-practice');
    expect(inputById(card, INPUT_IDS.answer('knowledge-gathered'))?.value).toBeUndefined();
    expect(inputById(card, INPUT_IDS.notApplicable('knowledge-gathered'))?.value).toBe(
      'Vi har ikke hentet inn noe ennå.',
    );
    expect(inputById(card, INPUT_IDS.answer('resources'))?.value).toBeUndefined();
  });

  test('"not applicable" is open where it is the answer, and folded away elsewhere', () => {
    const card = form(fixture('partlyAnswered'));
    const boxes = new Map(
      JSON.stringify(card)
        .match(/"id":"notApplicableBox\.[^"]+","isVisible":(true|false)/g)
        ?.map((match) => {
          const [, id, visible] = /notApplicableBox\.([^"]+)","isVisible":(\w+)/.exec(match) ?? [];
          return [id, visible === 'true'] as const;
        }) ?? [],
    );
    expect(boxes.get('knowledge-gathered')).toBe(true);
    expect(boxes.get('challenge')).toBe(false);
  });

  test('numbers, dates, links and people are prefilled in their own formats', () => {
    const state = atStage('rollout').given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'rollout',
      answers: [
        { promptId: 'start-date', answer: { type: 'date', date: '2026-09-01' } },
        {
          promptId: 'champions',
          answer: { type: 'people', personIds: [people.mads, 'aad-left-the-conversation'] },
        },
      ],
    }).current;
    const card = form(state);
    expect(inputById(card, INPUT_IDS.answer('start-date'))?.value).toBe('2026-09-01');
    const champions = inputById(card, INPUT_IDS.answer('champions'))!;
    expect(champions.value).toBe(`${people.mads},aad-left-the-conversation`);
    // Someone who left the conversation stays selectable, or saving the form unchanged would drop them.
    expect((champions.choices as { title: string; value: string }[]).at(-1)).toEqual({
      title: 'unknown person',
      value: 'aad-left-the-conversation',
    });
    const budget = inputById(form(fixture('politicalWithReference')), INPUT_IDS.answer('budget'));
    expect(budget).toMatchObject({ type: 'Input.Number', value: 1_500_000 });
  });
});

describe('the political decision reference', () => {
  test('appears only where the stage gate requires a political decision', () => {
    for (const stage of template.stages) {
      const card = form(fixture(`current:${stage.id}`));
      expect(inputById(card, INPUT_IDS.political.body) !== undefined, stage.id).toBe(
        stage.gate.requiresPoliticalDecision,
      );
    }
  });

  test('is prefilled from the recorded reference', () => {
    const card = form(fixture('politicalWithReference'));
    expect(inputById(card, INPUT_IDS.political.body)?.value).toBe('Kommunestyret');
    expect(inputById(card, INPUT_IDS.political.meetingDate)).toMatchObject({
      type: 'Input.Date',
      value: '2026-03-12',
    });
    expect(inputById(card, INPUT_IDS.political.caseNumber)?.value).toBe('2026/0417');
    expect(inputById(card, INPUT_IDS.political.decisionText)?.value).toContain('hverdagsrehabilitering');
    expect(inputById(card, INPUT_IDS.political.link)).toMatchObject({ style: 'Url' });
  });
});

describe('submitting', () => {
  test('the save button carries the case, stage and round, so a form from another round is recognised', () => {
    const state = fixture('decidedSentBack');
    const card = form(state);
    expect(card.actions?.[0]).toMatchObject({
      type: 'Action.Execute',
      verb: CARD_VERBS.recordDocumentation,
      data: { caseId: state.caseId, stageId: 'define-challenge', round: 2 },
    });
  });

  test('a review can be requested from the form once everything required is answered', () => {
    expect(verbsOf(form(fixture('partlyAnswered')))).toEqual([
      CARD_VERBS.recordDocumentation,
      CARD_VERBS.showStatus,
    ]);
    expect(verbsOf(form(fixture('sentBackRound2Answered')))).toEqual([
      CARD_VERBS.recordDocumentation,
      CARD_VERBS.requestReview,
      CARD_VERBS.showStatus,
    ]);
  });

  test('after a submit the form says what was saved and what is still open', () => {
    const card = stageFormCard({
      state: fixture('partlyAnswered'),
      template,
      language: 'en',
      names,
      members,
      recorded: { promptIds: ['challenge', 'trigger'] },
    });
    const text = readCard(card);
    expect(text).toContain('Saved: “What is the challenge and the need?” and “What triggered the work?”.');
    expect(text).toContain(
      'Still without an answer (required): “Which services and user groups are affected?”',
    );
    const nb = readCard(
      stageFormCard({
        state: fixture('partlyAnswered'),
        template,
        language: 'nb',
        names,
        members,
        recorded: { promptIds: ['challenge'] },
      }),
    );
    expect(nb).toContain('Lagret: «Hva er utfordringen og behovet?».');
  });
});

describe('when the stage cannot be documented now', () => {
  test.each([
    ['pendingGate0of2', 'The gate is under review'],
    ['decidedPaused', 'The case is paused'],
    ['decidedStopped', 'The case is stopped'],
    ['completed', 'The case is complete'],
  ])('%s shows the documentation read-only and says why', (name, reason) => {
    const card = form(fixture(name));
    expect(inputsOf(card)).toEqual([]);
    expect(readCard(card)).toContain(reason);
    expect(verbsOf(card)).toEqual([CARD_VERBS.showStatus]);
  });
});

test('an answer too long for a Teams message is left out of its input, never cut, and the card says so', () => {
  const long = 'Lang tekst om utfordringen. '.repeat(700).trim();
  const state = opened().given(people.olga, {
    type: 'RecordDocumentation',
    stageId: 'define-challenge',
    answers: [
      { promptId: 'challenge', answer: { type: 'text', text: long } },
      { promptId: 'resources', answer: { type: 'text', text: 'Kort svar' } },
    ],
  }).current;
  const card = form(state);
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
  expect(inputById(card, INPUT_IDS.answer('challenge'))?.value).toBeUndefined();
  expect(inputById(card, INPUT_IDS.answer('resources'))?.value).toBe('Kort svar');
  expect(readCard(card)).toContain(`The answer is too long to show in the form (${long.length} characters)`);
});

test('Bokmål, Nynorsk and English forms differ and each is complete', () => {
  const nn = readCard(form(fixture('fresh'), 'nn'));
  expect(nn).toContain('Dokumenter: Definere utfordringsbiletet');
  expect(nn).toContain('Ikkje relevant?');
  expect(nn).not.toContain('Ikke relevant?');
  const nb = readCard(form(fixture('fresh'), 'nb'));
  const en = readCard(form(fixture('fresh'), 'en'));
  expect(nb).toContain('Dokumenter: Definere utfordringsbildet');
  expect(nb).toContain('Ikke relevant?');
  expect(en).toContain('Document: Define the challenge');
  expect(en).toContain('Not applicable?');
  expect(nb).not.toContain('Not applicable?');
});

test('a political decision too long to show is left out as a whole, so saving the form unchanged keeps it', () => {
  const decisionText = 'Vedtak om hjemmebasert omsorg – æøå. '.repeat(530).trim();
  const state = atStage('political-anchoring').given(people.olga, {
    type: 'RecordPoliticalDecision',
    stageId: 'political-anchoring',
    reference: { body: 'Kommunestyret', meetingDate: '2026-03-12', caseNumber: '2026/0417', decisionText },
  }).current;
  const card = form(state);
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
  for (const id of Object.values(INPUT_IDS.political)) expect(inputById(card, id)?.value, id).toBeUndefined();
  expect(readCard(card)).toContain('The decision text is too long to show in the form');
  const { value } = press(card, (action) => action.verb === CARD_VERBS.recordDocumentation);
  const stage = template.stages.find((candidate) => candidate.id === 'political-anchoring')!;
  const submission = parseStageFormSubmission(value.action.data, stage);
  expect('error' in submission ? submission : submission.politicalDecision).toBeUndefined();
});
