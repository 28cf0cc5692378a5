/**
 * The approval card: deciders get all five outcomes, everyone else sees the gate without buttons,
 * the deciders are @mentioned and refreshed into their view, and a decided gate becomes a final,
 * button-less record of the decision.
 */
import { describe, expect, test } from 'vitest';
import type { CaseState, Language } from '../../engine';
import { LANGUAGES } from '../../engine';
import { approvalCard, CARD_VERBS, INPUT_IDS } from '../../cards';
import { executeActions } from './cardValidation';
import { inputById, inputsOf, readCard, verbsOf } from './cardReading';
import { caseStates, deciderMentions, names, reviewRequested, template } from './cardFixtures';

const states = caseStates();
const fixture = (name: string): CaseState => {
  const state = states[name];
  if (!state) throw new Error(`No fixture ${name}`);
  return state;
};
const view = (name: string, viewer: 'shared' | 'decider' | 'observer', language: Language = 'en') =>
  approvalCard({ state: fixture(name), template, language, names, viewer, mentions: deciderMentions });

describe('a pending gate', () => {
  test('shows the gate under review: stage, round, who requested it and when', () => {
    const text = readCard(view('pendingGate0of2', 'observer'));
    expect(text).toContain('Gate review after “Staff involvement” (round 1)');
    expect(text).toContain('Case: Hverdagsrehabilitering i hjemmetjenesten');
    expect(text).toMatch(
      /Requested by Olga Owner, \{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z, SHORT\)\}\}/,
    );
  });

  test('summarises the documentation the gate is decided on, question by question', () => {
    const text = readCard(view('pendingGate0of2', 'observer'));
    expect(text).toContain('The documentation the gate is decided on');
    const stage = template.stages.find((candidate) => candidate.id === 'staff-involvement')!;
    for (const prompt of stage.prompts) expect(text).toContain(prompt.label.en);
    expect(text).toContain('Svar på participants');
    expect(text).toContain('— not answered');
  });

  test('shows approvals so far and how many are needed', () => {
    expect(readCard(view('pendingGate0of2', 'observer'))).toContain('Approvals: 0 of 2.');
    const text = readCard(view('pendingGate1of2', 'observer'));
    expect(text).toContain('Approvals: 1 of 2.');
    expect(text).toContain('✓ Mia Manager');
    expect(text).toContain('Tillitsvalgte skal med i neste møte.');
  });

  test('shows the political decision reference on a political gate', () => {
    const text = readCard(view('pendingPoliticalGate', 'observer'));
    expect(text).toContain('Political decision');
    expect(text).toContain('Kommunestyret');
    expect(text).toContain('12 Mar 2026');
    expect(text).toContain('2026/0417');
  });
});

describe('who sees what', () => {
  test('an observer gets no decision buttons, only a refresh', () => {
    const card = view('pendingGate1of2', 'observer');
    expect(verbsOf(card)).toEqual([CARD_VERBS.refreshApproval]);
    expect(inputsOf(card)).toEqual([]);
  });

  test('the card posted for everyone has the five outcomes too, saying who may use them', () => {
    const card = view('pendingGate1of2', 'shared');
    expect(verbsOf(card).filter((verb) => verb === CARD_VERBS.decideGate)).toHaveLength(5);
    expect(readCard(card)).toContain('If you are one of the people mentioned above, decide the gate here.');
    expect(readCard(card)).not.toContain('You can decide the gate.');
    expect(card.refresh?.userIds?.length).toBeGreaterThan(0);
  });

  test('a decider gets all five outcomes, each sending the gate request it was shown', () => {
    const state = fixture('pendingGate1of2');
    const decisions = executeActions(view('pendingGate1of2', 'decider')).filter(
      (action) => action.verb === CARD_VERBS.decideGate,
    );
    expect(decisions.map((action) => action.data.outcome)).toEqual([
      'approve',
      'approveWithConditions',
      'sendBack',
      'pause',
      'stop',
    ]);
    for (const action of decisions) {
      expect(action.data).toMatchObject({
        caseId: state.caseId,
        stageId: 'staff-involvement',
        requestSeq: state.gate?.requestSeq,
      });
    }
  });

  test('send back offers only this stage and the earlier ones, this one first chosen', () => {
    const sendBack = inputById(view('pendingGate0of2', 'decider'), INPUT_IDS.decision.sendBackTo)!;
    expect((sendBack.choices as { value: string }[]).map((choice) => choice.value)).toEqual([
      'define-challenge',
      'political-anchoring',
      'staff-involvement',
    ]);
    expect(sendBack.value).toBe('staff-involvement');
    const first = inputById(
      approvalCard({
        state: reviewRequested('define-challenge').current,
        template,
        language: 'en',
        names,
        viewer: 'decider',
        mentions: [],
      }),
      INPUT_IDS.decision.sendBackTo,
    )!;
    expect((first.choices as { value: string }[]).map((choice) => choice.value)).toEqual([
      'define-challenge',
    ]);
  });

  test('reasons and conditions are required on the card, with a message in the card language', () => {
    const messages = {
      nb: {
        conditions: 'Skriv vilkårene for godkjenningen.',
        reason: 'Skriv en begrunnelse; den blir en del av loggen.',
      },
      nn: {
        conditions: 'Skriv vilkåra for godkjenninga.',
        reason: 'Skriv ei grunngjeving; ho blir ein del av loggen.',
      },
      en: {
        conditions: 'Write the conditions of the approval.',
        reason: 'Write a reason; it becomes part of the log.',
      },
    } as const;
    for (const language of LANGUAGES) {
      const card = view('pendingGate0of2', 'decider', language);
      for (const id of [
        INPUT_IDS.decision.conditions,
        INPUT_IDS.decision.sendBackReason,
        INPUT_IDS.decision.pauseReason,
        INPUT_IDS.decision.stopReason,
      ]) {
        const input = inputById(card, id)!;
        expect(input.isRequired, id).toBe(true);
        expect(input.errorMessage, id).toBe(
          messages[language][id === INPUT_IDS.decision.conditions ? 'conditions' : 'reason'],
        );
      }
      expect(inputById(card, INPUT_IDS.decision.comment)?.isRequired).toBeUndefined();
    }
  });

  test('political decision inputs appear only for deciders on gates that require a political decision', () => {
    expect(inputById(view('pendingPoliticalGate', 'decider'), INPUT_IDS.political.body)?.value).toBe(
      'Kommunestyret',
    );
    expect(inputById(view('pendingPoliticalGate', 'observer'), INPUT_IDS.political.body)).toBeUndefined();
    expect(inputById(view('pendingGate0of2', 'decider'), INPUT_IDS.political.body)).toBeUndefined();
  });
});

describe('mentions and refresh', () => {
  test('the deciders are @mentioned with their Teams ids, in the text and as entities', () => {
    const card = view('pendingGate0of2', 'observer');
    expect(readCard(card)).toContain(
      'Waiting for a decision from <at>Mia Manager</at>, <at>Mats Manager</at>.',
    );
    expect(card.msteams?.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Mia Manager</at>',
        mentioned: { id: '29:teams-mia', name: 'Mia Manager' },
      },
      {
        type: 'mention',
        text: '<at>Mats Manager</at>',
        mentioned: { id: '29:teams-mats', name: 'Mats Manager' },
      },
    ]);
  });

  test('the card refreshes automatically for the deciders only, naming the request', () => {
    const state = fixture('pendingGate0of2');
    const card = view('pendingGate0of2', 'observer');
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: CARD_VERBS.refreshApproval,
        title: 'Refresh',
        data: { caseId: state.caseId, stageId: 'staff-involvement', requestSeq: state.gate?.requestSeq },
      },
      userIds: ['29:teams-mia', '29:teams-mats'],
    });
  });

  test('without resolved Teams ids the gate’s decider ids are used for the refresh', () => {
    const state = fixture('pendingGate0of2');
    const card = approvalCard({ state, template, language: 'en', names, viewer: 'observer', mentions: [] });
    expect(card.refresh?.userIds).toEqual(state.gate?.deciderIds);
    expect(card.msteams?.entities).toBeUndefined();
  });
});

describe('a decided gate: the final view for everyone', () => {
  test.each([
    ['decidedApproved', '✅ Approved', 'Define the challenge'],
    ['decidedApprovedWithConditions', '✅ Approved with conditions', 'Conditions: Ta med brukerrådet.'],
    ['decidedSentBack', '↩️ Sent back', 'Reason: Brukerne må med fra starten.'],
    ['decidedPaused', '⏸️ Paused', 'Reason: Vi venter på budsjettvedtaket.'],
    ['decidedStopped', '⏹️ Stopped', 'Reason: Tiltaket er lagt ned av kommunestyret.'],
    ['withdrawn', '↪️ Request withdrawn', 'Reason: Vi vil legge til mer om ressursene.'],
  ])('%s: outcome, by whom, when and why, without buttons or refresh', (name, outcome, detail) => {
    for (const viewer of ['decider', 'observer'] as const) {
      const card = view(name, viewer);
      const text = readCard(card);
      expect(text).toContain(outcome);
      expect(text).toContain(detail);
      expect(text).toMatch(/\{\{DATE\(/);
      expect(text).toContain('This review is closed.');
      expect(card.actions).toBeUndefined();
      expect(card.refresh).toBeUndefined();
      expect(inputsOf(card)).toEqual([]);
    }
  });

  test('names who decided', () => {
    expect(readCard(view('decidedSentBack', 'observer'))).toContain('Mia Manager, {{DATE(');
    expect(readCard(view('decidedSentBack', 'observer'))).toContain('Sent back to “Define the challenge”.');
  });

  test('an explicit decision is rendered even when a newer gate is pending', () => {
    const state = fixture('pendingGate0of2');
    const decided = fixture('decidedApproved').recentDecisions[0]!;
    const card = approvalCard({
      state,
      template,
      language: 'en',
      names,
      viewer: 'decider',
      mentions: deciderMentions,
      decided,
    });
    expect(readCard(card)).toContain('✅ Approved');
    expect(card.actions).toBeUndefined();
  });
});

test('long answers are shortened in the summary, and the card says the full text is in the log', () => {
  const state = fixture('pendingGate0of2');
  const long = {
    ...state,
    answers: {
      ...state.answers,
      participants: {
        ...state.answers.participants!,
        answer: { type: 'text' as const, text: 'Mange deltok. '.repeat(200) },
      },
    },
  };
  const text = readCard(
    approvalCard({ state: long, template, language: 'en', names, viewer: 'observer', mentions: [] }),
  );
  expect(text).toContain('…');
  expect(text).toContain('The full text is kept in the process log.');
  expect(text).not.toContain('Mange deltok. '.repeat(200).trim());
});

test('Bokmål, Nynorsk and English differ and each is complete', () => {
  const nn = readCard(view('pendingGate1of2', 'decider', 'nn'));
  expect(nn).toContain('Vurdering av porten etter «Medarbeidarinvolvering»');
  expect(nn).toContain('Godkjenn med vilkår');
  expect(nn).toContain('Stadfest godkjenning');
  const nb = readCard(view('pendingGate1of2', 'decider', 'nb'));
  expect(nn).not.toEqual(nb);
  const en = readCard(view('pendingGate1of2', 'decider', 'en'));
  expect(nb).toContain('Vurdering av porten etter «Medarbeiderinvolvering»');
  expect(nb).toContain('Godkjenn med vilkår');
  expect(nb).toContain('Send tilbake');
  expect(en).toContain('Gate review after “Staff involvement”');
  expect(en).toContain('Approve with conditions');
  expect(nb).not.toEqual(en);
});
