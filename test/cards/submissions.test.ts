/**
 * What comes back from a card becomes what the engine records, and nothing else: a prefilled form
 * submitted unchanged gives back exactly the recorded answers, what a person types in Norwegian or
 * English is read as meant, and anything malformed – wrong types, arrays, huge strings, prototype
 * keys – gives a friendly `{ error }`, never an exception.
 */
import { describe, expect, test } from 'vitest';
import type { Answer, CaseState, Localized, StageDefinition } from '../../engine';
import { LANGUAGES, LIMITS, parseLocaleNumber } from '../../engine';
import { answerFromText } from '../../conversation/answerFromText';
import type { SubmissionError } from '../../cards';
import {
  approvalCard,
  CARD_VERBS,
  INPUT_IDS,
  openCaseFormCard,
  OTHER_CHOICE,
  parseCardAction,
  parseGateDecision,
  parseOpenCaseSubmission,
  parseStageFormSubmission,
  stageFormCard,
  statusCard,
} from '../../cards';
import {
  atStage,
  caseStates,
  deciderMentions,
  members,
  names,
  opened,
  people,
  STAGE_IDS,
  template,
} from './cardFixtures';
import { politicalDecision } from '../engine/caseSpecification';
import { press } from './teamsClient';

const states = caseStates();
const stageOf = (id: string): StageDefinition => template.stages.find((stage) => stage.id === id)!;

function isError(value: object): value is SubmissionError {
  return 'error' in value;
}

/** A refusal is words for a person in every language, never a stack trace. */
function expectError(result: object): Localized {
  expect(isError(result), JSON.stringify(result)).toBe(true);
  const { error } = result as SubmissionError;
  for (const language of LANGUAGES) expect(error[language].length, language).toBeGreaterThan(10);
  expect(error.nb).not.toBe(error.en);
  expect(error.nn).not.toBe(error.en);
  expect(error.en).not.toMatch(/\bat .+\.ts:\d+/);
  return error;
}

function ok<T extends object>(result: T | SubmissionError): T {
  if (isError(result)) throw new Error(`Refused: ${result.error.en}`);
  return result;
}

/** A case on `stageId` with every prompt answered, in every kind, some "not applicable". */
function answeredEverything(stageId: string): CaseState {
  const stage = stageOf(stageId);
  const answers = stage.prompts.map((prompt, index): { promptId: string; answer: Answer } => {
    if (index === 1)
      return { promptId: prompt.id, answer: { type: 'notApplicable', reason: 'Gjelder ikke oss, fordi …' } };
    switch (prompt.kind) {
      case 'shortText':
        return { promptId: prompt.id, answer: { type: 'text', text: 'Sone nord og sone sør' } };
      case 'longText':
        return {
          promptId: prompt.id,
          answer: {
            type: 'text',
            text: `Svar på «${prompt.id}»:\n- første linje\n- **andre** linje ${'${x}'}`,
          },
        };
      case 'date':
        return { promptId: prompt.id, answer: { type: 'date', date: '2026-09-01' } };
      case 'number':
        return { promptId: prompt.id, answer: { type: 'number', number: 1_500_000.5 } };
      case 'link':
        return {
          promptId: prompt.id,
          answer: { type: 'link', url: 'https://example.kommune.no/rapport.pdf', label: 'Rapporten' },
        };
      case 'person':
        return {
          promptId: prompt.id,
          answer: { type: 'people', personIds: [people.mads, 'aad-left-the-conversation'] },
        };
      case 'singleChoice':
        return {
          promptId: prompt.id,
          answer: { type: 'choice', optionIds: [prompt.options?.[1]?.id ?? ''] },
        };
      case 'multipleChoice':
        return {
          promptId: prompt.id,
          answer: {
            type: 'choice',
            optionIds: [prompt.options?.[0]?.id ?? '', prompt.options?.[2]?.id ?? ''],
            ...(prompt.allowOther && { otherText: 'Noe helt annet' }),
          },
        };
    }
  });
  return atStage(stageId).given(people.olga, {
    type: 'RecordDocumentation',
    stageId,
    answers,
    ...(stage.gate.requiresPoliticalDecision && {
      politicalDecision: { ...politicalDecision, link: 'https://example.kommune.no/vedtak/2026-0417' },
    }),
  }).current;
}

const saveButton = (action: { verb: string }) => action.verb === CARD_VERBS.recordDocumentation;

describe('stage form round trip: a prefilled form submitted unchanged gives back the recorded answers', () => {
  test.each(STAGE_IDS)('%s, every prompt kind', (stageId) => {
    const state = answeredEverything(stageId);
    const stage = stageOf(stageId);
    const card = stageFormCard({ state, template, language: 'nb', names, members });
    const { value } = press(card, saveButton);
    const action = ok(parseCardAction(value));
    expect(action.verb).toBe(CARD_VERBS.recordDocumentation);

    const submission = ok(parseStageFormSubmission(action.data, stage));
    expect(submission.stageId).toBe(stageId);
    expect(submission.round).toBe(1);
    expect(Object.fromEntries(submission.answers.map((entry) => [entry.promptId, entry.answer]))).toEqual(
      Object.fromEntries(stage.prompts.map((prompt) => [prompt.id, state.answers[prompt.id]?.answer])),
    );
    if (stage.gate.requiresPoliticalDecision) {
      expect(submission.politicalDecision).toEqual(state.politicalDecisions[stageId]?.reference);
    } else {
      expect(submission.politicalDecision).toBeUndefined();
    }

    // With the recorded answers at hand, nothing is new: the bot can say so without a command.
    const again = ok(parseStageFormSubmission(action.data, stage, state.answers));
    expect(again.answers).toEqual([]);
    expect(again.unchanged).toEqual(stage.prompts.map((prompt) => prompt.id));
  });

  test('a form sent after a send-back names round 2', () => {
    const state = states.decidedSentBack!;
    const { value } = press(stageFormCard({ state, template, language: 'en', names, members }), saveButton);
    expect(
      ok(parseStageFormSubmission(ok(parseCardAction(value)).data, stageOf('define-challenge'))).round,
    ).toBe(2);
  });
});

describe('stage form: what a person fills in', () => {
  const fresh = opened().current;
  const stage = stageOf('define-challenge');
  const submit = (
    edits: Record<string, string>,
    state: CaseState = fresh,
    previous?: CaseState['answers'],
  ) => {
    const { value } = press(
      stageFormCard({ state, template, language: 'nb', names, members }),
      saveButton,
      edits,
    );
    return parseStageFormSubmission(value.action.data, stage, previous);
  };

  test('empty inputs are no answer, not an error', () => {
    const submission = ok(submit({}));
    expect(submission.answers).toEqual([]);
    expect(submission.skippedEmpty).toEqual(stage.prompts.map((prompt) => prompt.id));
  });

  test('only what was filled in is returned', () => {
    const submission = ok(
      submit({
        [INPUT_IDS.answer('challenge')]: '  For mange reiser mellom brukerne.  ',
        [INPUT_IDS.answer('users-involved')]: 'planned',
      }),
    );
    expect(submission.answers).toEqual([
      { promptId: 'challenge', answer: { type: 'text', text: 'For mange reiser mellom brukerne.' } },
      { promptId: 'users-involved', answer: { type: 'choice', optionIds: ['planned'] } },
    ]);
  });

  test('what the person filled in is accepted by the engine as it stands', () => {
    const spec = opened();
    const submission = ok(
      submit({
        [INPUT_IDS.answer('challenge')]: 'Utfordringen',
        [INPUT_IDS.answer('trigger')]: `finances, recruitment,finances,${OTHER_CHOICE}`,
        [INPUT_IDS.other('trigger')]: 'Ny boligpolitikk',
        [INPUT_IDS.answer('idea-source')]: OTHER_CHOICE,
        [INPUT_IDS.other('idea-source')]: 'Et besøk i nabokommunen',
        [INPUT_IDS.notApplicable('knowledge-gathered')]: 'Ikke startet ennå',
      }),
    );
    spec.given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: submission.answers,
    });
    expect(spec.current.answers.trigger?.answer).toEqual({
      type: 'choice',
      optionIds: ['finances', 'recruitment'],
      otherText: 'Ny boligpolitikk',
    });
    expect(spec.current.answers['idea-source']?.answer).toEqual({
      type: 'choice',
      optionIds: [],
      otherText: 'Et besøk i nabokommunen',
    });
    expect(spec.current.answers['knowledge-gathered']?.answer).toEqual({
      type: 'notApplicable',
      reason: 'Ikke startet ennå',
    });
  });

  test('"not applicable" wins over an empty answer', () => {
    expect(ok(submit({ [INPUT_IDS.notApplicable('resources')]: 'Ingen ressurser avsatt' })).answers).toEqual([
      { promptId: 'resources', answer: { type: 'notApplicable', reason: 'Ingen ressurser avsatt' } },
    ]);
  });

  test('both an answer and "not applicable" without history asks the person to empty one', () => {
    const error = expectError(
      submit({
        [INPUT_IDS.answer('resources')]: 'To sykepleiere',
        [INPUT_IDS.notApplicable('resources')]: 'Ingen',
      }),
    );
    expect(error.nb).toContain('Hvilke ressurser har dere?');
  });

  test('with the recorded answers, the field the person just changed wins', () => {
    const withReason = opened().given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'resources', answer: { type: 'notApplicable', reason: 'Ikke avklart' } }],
    }).current;
    // "Not applicable" stays prefilled; the person writes an answer.
    const answered = ok(
      submit({ [INPUT_IDS.answer('resources')]: 'To sykepleiere' }, withReason, withReason.answers),
    );
    expect(answered.answers).toEqual([
      { promptId: 'resources', answer: { type: 'text', text: 'To sykepleiere' } },
    ]);

    const withAnswer = opened().given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'resources', answer: { type: 'text', text: 'To sykepleiere' } }],
    }).current;
    // The answer stays prefilled; the person says it does not apply after all.
    const notApplicable = ok(
      submit(
        { [INPUT_IDS.notApplicable('resources')]: 'Prosjektet er stanset' },
        withAnswer,
        withAnswer.answers,
      ),
    );
    expect(notApplicable.answers).toEqual([
      { promptId: 'resources', answer: { type: 'notApplicable', reason: 'Prosjektet er stanset' } },
    ]);
  });

  test('"Other" needs its text, and a single choice takes one answer', () => {
    expectError(submit({ [INPUT_IDS.answer('trigger')]: OTHER_CHOICE }));
    expectError(
      submit({
        [INPUT_IDS.answer('idea-source')]: 'research',
        [INPUT_IDS.other('idea-source')]: 'Og noe annet',
      }),
    );
  });

  test('moving a single choice from "Other" to an option drops the old text when the recorded answers are known', () => {
    const withOther = opened().given(people.olga, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [
        { promptId: 'idea-source', answer: { type: 'choice', optionIds: [], otherText: 'Nabokommunen' } },
      ],
    }).current;
    const submission = ok(
      submit({ [INPUT_IDS.answer('idea-source')]: 'other-municipalities' }, withOther, withOther.answers),
    );
    expect(submission.answers).toEqual([
      { promptId: 'idea-source', answer: { type: 'choice', optionIds: ['other-municipalities'] } },
    ]);
  });

  test('a choice the form never offered is refused', () => {
    expectError(submit({ [INPUT_IDS.answer('users-involved')]: 'maybe' }));
    expectError(submit({ [INPUT_IDS.answer('users-involved')]: OTHER_CHOICE }));
  });

  test('a form for another stage is refused as stale', () => {
    const { value } = press(
      stageFormCard({ state: fresh, template, language: 'nb', names, members }),
      saveButton,
    );
    expectError(parseStageFormSubmission(value.action.data, stageOf('political-anchoring')));
  });

  test('text over the engine limit is refused with the limit named', () => {
    const error = expectError(submit({ [INPUT_IDS.answer('challenge')]: 'x'.repeat(LIMITS.longText + 1) }));
    expect(error.en).toContain(String(LIMITS.longText));
  });
});

describe('numbers, dates and links as people write them', () => {
  test.each([
    ['1 500 000', 1_500_000],
    ['1\u00a0500\u00a0000', 1_500_000],
    ['1500000', 1_500_000],
    ['1,5', 1.5],
    ['1.5', 1.5],
    ['0,25', 0.25],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1 500 000,50', 1_500_000.5],
    ['1.500.000,50', 1_500_000.5],
    ['1,500,000.50', 1_500_000.5],
    ['kr 2 000', 2000],
    ['2000,-', 2000],
    ['-300', -300],
    ['1.125', 1.125],
    ['1e6', 1_000_000],
    ['0', 0],
  ])('%j reads as %d', (raw, expected) => {
    expect(parseLocaleNumber(raw)).toEqual({ number: expected });
  });

  test.each([['1,500'], ['12,345']])(
    '%j is refused as ambiguous (one and a half, or fifteen hundred?)',
    (raw) => {
      expect(parseLocaleNumber(raw)).toEqual({ problem: 'ambiguous' });
    },
  );

  test.each([['tusen'], ['1,5,0.0'], ['1..5'], ['12.34.567'], [''], ['Infinity'], ['NaN'], ['1e999']])(
    '%j is not a number',
    (raw) => {
      expect(parseLocaleNumber(raw)).toEqual({ problem: 'unreadable' });
    },
  );

  const budget = (value: unknown) => {
    const stage = stageOf('political-anchoring');
    return parseStageFormSubmission(
      { stageId: stage.id, round: 1, [INPUT_IDS.answer('budget')]: value },
      stage,
    );
  };

  test('a number input sends text, or a number from some clients', () => {
    expect(ok(budget('1 500 000')).answers).toEqual([
      { promptId: 'budget', answer: { type: 'number', number: 1_500_000 } },
    ]);
    expect(ok(budget(250000)).answers).toEqual([
      { promptId: 'budget', answer: { type: 'number', number: 250_000 } },
    ]);
    expect(expectError(budget('1,500')).nb).toContain('1 500');
    expectError(budget('mye'));
  });

  test('dates are read from ISO and Norwegian writing, and must exist', () => {
    const stage = stageOf('rollout');
    const date = (raw: string) =>
      parseStageFormSubmission({ stageId: stage.id, round: 1, [INPUT_IDS.answer('start-date')]: raw }, stage);
    expect(ok(date('2026-09-01')).answers[0]?.answer).toEqual({ type: 'date', date: '2026-09-01' });
    expect(ok(date('1.9.2026')).answers[0]?.answer).toEqual({ type: 'date', date: '2026-09-01' });
    expectError(date('31.02.2026'));
    expectError(date('i morgen'));
  });

  test('the card reads every date the chat reads, with the same answer', () => {
    const stage = stageOf('rollout');
    const prompt = stage.prompts.find((p) => p.id === 'start-date')!;
    for (const raw of ['1/9/2026', '01/09/2026', '1.9.2026', '01.09.2026', '2026-09-01', '2026-9-1']) {
      const fromCard = ok(
        parseStageFormSubmission(
          { stageId: stage.id, round: 1, [INPUT_IDS.answer('start-date')]: raw },
          stage,
        ),
      ).answers[0]?.answer;
      expect(fromCard, raw).toEqual({ type: 'date', date: '2026-09-01' });
      expect(answerFromText(prompt, raw, []), raw).toEqual({ answer: fromCard });
    }
  });

  test('links must be web links', () => {
    const stage = stageOf('evaluation');
    const link = (raw: string) =>
      parseStageFormSubmission(
        { stageId: stage.id, round: 1, [INPUT_IDS.answer('evaluation-report')]: raw },
        stage,
      );
    expect(ok(link('https://example.kommune.no/r.pdf')).answers[0]?.answer).toEqual({
      type: 'link',
      url: 'https://example.kommune.no/r.pdf',
    });
    expectError(link('javascript:alert(1)'));
  });
});

describe('malformed data gives { error }, never an exception', () => {
  const stage = stageOf('define-challenge');
  const base = { stageId: stage.id, round: 1 };
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string', 'hello'],
    ['an array', [base]],
    ['round as text', { ...base, round: '1' }],
    ['round negative', { ...base, round: -1 }],
    ['stageId as number', { ...base, stageId: 7 }],
    ['an array for a text answer', { ...base, [INPUT_IDS.answer('challenge')]: ['a', 'b'] }],
    ['an object for a text answer', { ...base, [INPUT_IDS.answer('challenge')]: { text: 'a' } }],
    ['a number for a text answer', { ...base, [INPUT_IDS.answer('challenge')]: 42 }],
    ['an array for a choice', { ...base, [INPUT_IDS.answer('trigger')]: ['finances'] }],
    ['a boolean for not applicable', { ...base, [INPUT_IDS.notApplicable('challenge')]: true }],
    ['a huge string', { ...base, [INPUT_IDS.answer('challenge')]: 'x'.repeat(1_000_000) }],
    [
      'a __proto__ key',
      JSON.parse(`{"stageId":"define-challenge","round":1,"__proto__":{"polluted":true}}`) as unknown,
    ],
    ['a constructor key', { ...base, constructor: { prototype: { polluted: true } } }],
    [
      'too many fields',
      Object.fromEntries(Array.from({ length: 600 }, (_, index) => [`field${index}`, 'x'])),
    ],
  ];

  test.each(cases)('stage form: %s', (_name, data) => {
    expectError(parseStageFormSubmission(data, stage));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('inherited fields are never read', () => {
    const inherited = Object.create({ stageId: stage.id, round: 1 }) as object;
    expectError(parseStageFormSubmission(inherited, stage));
  });

  const gate = { caseId: 'case-1', stageId: 'staff-involvement', requestSeq: 12 };
  test.each<[string, unknown]>([
    ['no outcome', gate],
    ['an unknown outcome', { ...gate, outcome: 'approveEverything' }],
    ['requestSeq as text', { ...gate, requestSeq: '12', outcome: 'approve' }],
    ['a reason as an array', { ...gate, outcome: 'pause', [INPUT_IDS.decision.pauseReason]: ['x'] }],
    ['a missing reason', { ...gate, outcome: 'stop', [INPUT_IDS.decision.stopReason]: '   ' }],
    ['missing conditions', { ...gate, outcome: 'approveWithConditions' }],
    [
      'no send-back target',
      { ...gate, outcome: 'sendBack', [INPUT_IDS.decision.sendBackReason]: 'Mangler brukere' },
    ],
    [
      'a send-back target that is no stage id',
      {
        ...gate,
        outcome: 'sendBack',
        [INPUT_IDS.decision.sendBackTo]: '../x',
        [INPUT_IDS.decision.sendBackReason]: 'r',
      },
    ],
    [
      'a __proto__ key',
      JSON.parse(
        '{"caseId":"case-1","stageId":"a","requestSeq":1,"outcome":"approve","__proto__":{"x":1}}',
      ) as unknown,
    ],
  ])('gate decision: %s', (_name, data) => {
    expectError(parseGateDecision(data));
  });

  test.each<[string, unknown]>([
    ['no title', { [INPUT_IDS.openCase.title]: '  ' }],
    ['a title too long', { [INPUT_IDS.openCase.title]: 'x'.repeat(LIMITS.title + 1) }],
    ['a title as an array', { [INPUT_IDS.openCase.title]: ['Tittel'] }],
    ['an unknown language', { [INPUT_IDS.openCase.title]: 'Tittel', [INPUT_IDS.openCase.language]: 'de' }],
    [
      'a template id that is none',
      { [INPUT_IDS.openCase.title]: 'Tittel', [INPUT_IDS.openCase.template]: 'DROP TABLE' },
    ],
    [
      'too many managers',
      {
        [INPUT_IDS.openCase.title]: 'Tittel',
        [INPUT_IDS.openCase.managers]: Array.from({ length: 30 }, (_, i) => `p${i}`).join(','),
      },
    ],
    [
      'a manager id with control characters',
      { [INPUT_IDS.openCase.title]: 'Tittel', [INPUT_IDS.openCase.managers]: 'a\u0000b' },
    ],
  ])('open case: %s', (_name, data) => {
    expectError(parseOpenCaseSubmission(data));
  });
});

const requiredOnCards = {
  [INPUT_IDS.decision.conditions]: 'Vilkår',
  [INPUT_IDS.decision.sendBackReason]: 'Grunn',
  [INPUT_IDS.decision.pauseReason]: 'Grunn',
  [INPUT_IDS.decision.stopReason]: 'Grunn',
};

describe('parseCardAction reads the invoke value of any card button', () => {
  test('every button on the status, form and approval cards reads back with its verb and data', () => {
    const cards = [
      statusCard({ state: states.partlyAnswered!, template, language: 'nb', names }),
      stageFormCard({ state: states.partlyAnswered!, template, language: 'nb', names, members }),
      approvalCard({
        state: states.pendingGate1of2!,
        template,
        language: 'nb',
        names,
        viewer: 'decider',
        mentions: deciderMentions,
      }),
      approvalCard({
        state: states.pendingGate1of2!,
        template,
        language: 'nb',
        names,
        viewer: 'observer',
        mentions: deciderMentions,
      }),
    ];
    let seen = 0;
    for (const card of cards) {
      for (const action of (card.actions ?? []).flatMap((entry) =>
        entry.type === 'Action.ShowCard' ? (entry.card.actions ?? []) : [entry],
      )) {
        if (action.type !== 'Action.Execute') continue;
        const outcome = (action.data as { outcome?: string }).outcome;
        const isThis = (candidate: { verb: string; data: Record<string, unknown> }) =>
          candidate.verb === action.verb && candidate.data.outcome === outcome;
        // Fill the inputs the card marks as required, as Teams would insist before sending.
        const { inputIds } = press(card, isThis);
        const edits = Object.fromEntries(
          Object.entries(requiredOnCards).filter(([id]) => inputIds.includes(id)),
        );
        const parsed = ok(parseCardAction(press(card, isThis, edits).value));
        expect(parsed.verb).toBe(action.verb);
        expect(parsed.data).toMatchObject(action.data);
        expect(parsed.trigger).toBe('manual');
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(9);
  });

  test('the automatic refresh of an approval card reads as such', () => {
    const card = approvalCard({
      state: states.pendingGate0of2!,
      template,
      language: 'nb',
      names,
      viewer: 'observer',
      mentions: deciderMentions,
    });
    const parsed = ok(parseCardAction({ action: card.refresh?.action, trigger: 'automatic' }));
    expect(parsed).toMatchObject({
      verb: CARD_VERBS.refreshApproval,
      trigger: 'automatic',
      data: { requestSeq: states.pendingGate0of2!.gate!.requestSeq },
    });
  });

  test.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'approve'],
    ['no action', { trigger: 'manual' }],
    [
      'an Action.Submit',
      { action: { type: 'Action.Submit', verb: CARD_VERBS.showStatus, data: { caseId: 'case-1' } } },
    ],
    ['an array as action', { action: [] }],
    ['data as a string', { action: { type: 'Action.Execute', verb: CARD_VERBS.showStatus, data: 'case-1' } }],
    ['no case id', { action: { type: 'Action.Execute', verb: CARD_VERBS.showStatus, data: {} } }],
    [
      'a case id as an array',
      { action: { type: 'Action.Execute', verb: CARD_VERBS.showStatus, data: { caseId: ['case-1'] } } },
    ],
    [
      'a case id with odd characters',
      { action: { type: 'Action.Execute', verb: CARD_VERBS.showStatus, data: { caseId: 'case 1; drop' } } },
    ],
    [
      'a form without its round',
      {
        action: {
          type: 'Action.Execute',
          verb: CARD_VERBS.recordDocumentation,
          data: { caseId: 'c', stageId: 'define-challenge' },
        },
      },
    ],
    [
      'a decision without its request',
      {
        action: {
          type: 'Action.Execute',
          verb: CARD_VERBS.decideGate,
          data: { caseId: 'c', stageId: 's', outcome: 'approve' },
        },
      },
    ],
    [
      'a huge string',
      {
        action: {
          type: 'Action.Execute',
          verb: CARD_VERBS.showStatus,
          data: { caseId: 'c', note: 'x'.repeat(200_000) },
        },
      },
    ],
    [
      'a __proto__ key in data',
      JSON.parse(
        '{"action":{"type":"Action.Execute","verb":"showStatus","data":{"caseId":"c","__proto__":{"admin":true}}}}',
      ) as unknown,
    ],
    [
      'a __proto__ key in the action',
      JSON.parse(
        '{"action":{"type":"Action.Execute","verb":"showStatus","data":{"caseId":"c"},"__proto__":{}}}',
      ) as unknown,
    ],
  ])('%s gives an error', (_name, value) => {
    expectError(parseCardAction(value));
  });

  test('an unknown verb says the card may be old', () => {
    const error = expectError(
      parseCardAction({ action: { type: 'Action.Execute', verb: 'deleteCase', data: { caseId: 'c' } } }),
    );
    expect(error.en).toContain('older version');
  });
});

describe('gate decisions from the approval card', () => {
  const state = states.pendingGate1of2!;
  const card = approvalCard({
    state,
    template,
    language: 'nb',
    names,
    viewer: 'decider',
    mentions: deciderMentions,
  });
  const decide = (outcome: string, edits: Record<string, string> = {}) =>
    parseGateDecision(
      ok(parseCardAction(press(card, (action) => action.data.outcome === outcome, edits).value)).data,
    );
  const gate = { stageId: 'staff-involvement', requestSeq: state.gate!.requestSeq };

  test('approve, with an optional comment', () => {
    expect(ok(decide('approve'))).toEqual({ ...gate, decision: { outcome: 'approve' } });
    expect(ok(decide('approve', { [INPUT_IDS.decision.comment]: 'Bra jobbet' }))).toEqual({
      ...gate,
      decision: { outcome: 'approve', comment: 'Bra jobbet' },
    });
  });

  test('approve with conditions', () => {
    expect(
      ok(decide('approveWithConditions', { [INPUT_IDS.decision.conditions]: 'Evaluer etter seks måneder' })),
    ).toEqual({
      ...gate,
      decision: { outcome: 'approveWithConditions', conditions: 'Evaluer etter seks måneder' },
    });
    expectError(decide('approveWithConditions'));
  });

  test('send back to an earlier stage with a reason', () => {
    expect(
      ok(
        decide('sendBack', {
          [INPUT_IDS.decision.sendBackTo]: 'define-challenge',
          [INPUT_IDS.decision.sendBackReason]: 'Brukerne mangler',
        }),
      ),
    ).toEqual({
      ...gate,
      decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: 'Brukerne mangler' },
    });
    expectError(decide('sendBack'));
  });

  test('pause and stop need a reason', () => {
    expect(ok(decide('pause', { [INPUT_IDS.decision.pauseReason]: 'Venter på budsjett' })).decision).toEqual({
      outcome: 'pause',
      reason: 'Venter på budsjett',
    });
    expect(ok(decide('stop', { [INPUT_IDS.decision.stopReason]: 'Lagt ned' })).decision).toEqual({
      outcome: 'stop',
      reason: 'Lagt ned',
    });
    expect(expectError(decide('pause')).en).toContain('reason');
    expectError(decide('stop'));
  });

  test('on a political gate the recorded reference comes back unchanged, or as corrected', () => {
    const political = states.pendingPoliticalGate!;
    const politicalCard = approvalCard({
      state: political,
      template,
      language: 'nb',
      names,
      viewer: 'decider',
      mentions: deciderMentions,
    });
    const pressApprove = (edits: Record<string, string> = {}) =>
      ok(
        parseGateDecision(
          ok(
            parseCardAction(press(politicalCard, (action) => action.data.outcome === 'approve', edits).value),
          ).data,
        ),
      );
    expect(pressApprove().politicalDecision).toEqual(
      political.politicalDecisions['political-anchoring']?.reference,
    );
    expect(
      pressApprove({ [INPUT_IDS.political.caseNumber]: '2026/0999' }).politicalDecision?.caseNumber,
    ).toBe('2026/0999');
    expect(ok(decide('approve')).politicalDecision).toBeUndefined();
  });
});

describe('the open-case form', () => {
  const card = openCaseFormCard({
    language: 'nb',
    members,
    templates: [{ id: template.id, version: template.version, title: template.title }],
  });
  const submit = (edits: Record<string, string>) =>
    parseOpenCaseSubmission(ok(parseCardAction(press(card, () => true, edits).value)).data);

  test('reads title, unit, municipality, template, managers and language', () => {
    expect(
      ok(
        submit({
          [INPUT_IDS.openCase.title]: '  Hverdagsrehabilitering ',
          [INPUT_IDS.openCase.unit]: 'Sone nord',
          [INPUT_IDS.openCase.managers]: `${people.mia},${people.mats}`,
          [INPUT_IDS.openCase.language]: 'en',
        }),
      ),
    ).toEqual({
      title: 'Hverdagsrehabilitering',
      unit: 'Sone nord',
      templateId: template.id,
      managerIds: [people.mia, people.mats],
      language: 'en',
    });
  });

  test('reads Nynorsk as the case language', () => {
    expect(
      ok(
        submit({ [INPUT_IDS.openCase.title]: 'Kvardagsrehabilitering', [INPUT_IDS.openCase.language]: 'nn' }),
      ),
    ).toMatchObject({ title: 'Kvardagsrehabilitering', language: 'nn' });
  });

  test('the title is required', () => {
    expect(expectError(submit({})).nb).toContain('Tittelen må fylles ut');
  });
});
