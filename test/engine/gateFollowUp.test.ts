/**
 * What a gate leaves for the next review: a send-back must be answered with a change before the stage
 * is reviewed again, a political gate's new round needs a new decision (or the old one with why it still
 * stands), and conditions set at a gate are carried to the next stage's review.
 */
import { describe, expect, it } from 'vitest';
import { carriedConditions, politicalDecisionLack, stageOf, unrevisedSendBack } from '../../engine';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  passStage,
  people,
  politicalDecision,
  template,
} from './caseSpecification';

const { olga, mads, mia, mats } = people;

function atGate(stageId: string): CaseSpecification {
  const spec = new CaseSpecification().given(olga, openCommand()).given(mads, { type: 'JoinCase' });
  const ids = template.stages.map((s) => s.id);
  for (const earlier of ids.slice(0, ids.indexOf(stageId))) passStage(spec, earlier);
  spec.given(mads, answerRequired(stageId));
  if (stageOf(template, stageId).gate.requiresPoliticalDecision) {
    spec.given(mads, { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision });
  }
  spec.given(mads, { type: 'RequestGateReview', stageId });
  return spec;
}

describe('after a send-back', () => {
  it('refuses a new review until something in the stage has changed, saying the reason', () => {
    const spec = atGate('define-challenge').given(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: 'Utdyp behovet.' },
    });
    const stage = stageOf(template, 'define-challenge');
    expect(unrevisedSendBack(spec.current, stage)).toMatchObject({ reason: 'Utdyp behovet.', by: mia });

    const refusal = spec.refused(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    expect(refusal.code).toBe('unchangedSinceSendBack');
    expect(refusal.text.nb).toContain('Ingenting er endret siden saken ble sendt tilbake');
    expect(refusal.text.nb).toContain('«Utdyp behovet.»');
    expect(refusal.text.en).toContain('Nothing has changed since the case was sent back');

    // The same answers again record nothing, so they do not count as a change.
    spec.given(mads, answerRequired('define-challenge'));
    expect(spec.refused(mads, { type: 'RequestGateReview', stageId: 'define-challenge' }).code).toBe(
      'unchangedSinceSendBack',
    );

    spec.given(mads, {
      type: 'RecordDocumentation',
      stageId: 'define-challenge',
      answers: [{ promptId: 'challenge', answer: { type: 'text', text: 'Ventetiden er nå 14 uker.' } }],
    });
    expect(unrevisedSendBack(spec.current, stage)).toBeUndefined();
    expect(spec.when(mads, { type: 'RequestGateReview', stageId: 'define-challenge' }).events[0]?.type).toBe(
      'GateReviewRequested',
    );
  });
});

describe('a political gate in a new round', () => {
  function sentBackToReAnchoring(): CaseSpecification {
    const spec = atGate('re-anchoring').given(mia, {
      type: 'DecideGate',
      stageId: 're-anchoring',
      decision: { outcome: 'sendBack', toStageId: 're-anchoring', reason: 'Budsjettet må vedtas på nytt.' },
    });
    spec.given(mads, {
      type: 'RecordDocumentation',
      stageId: 're-anchoring',
      answers: [{ promptId: 'changes-since-anchoring', answer: { type: 'text', text: 'Ny budsjettramme.' } }],
    });
    return spec;
  }

  it('needs a new decision: the one from round 1 is not silently accepted again', () => {
    const spec = sentBackToReAnchoring();
    const stage = stageOf(template, 're-anchoring');
    expect(politicalDecisionLack(spec.current, stage)).toMatchObject({ kind: 'earlierRound' });
    const refusal = spec.refused(mads, { type: 'RequestGateReview', stageId: 're-anchoring' });
    expect(refusal.code).toBe('politicalDecisionFromEarlierRound');
    expect(refusal.text.nb).toContain('er fra runde 1');
    // The same reference sent again (a form's prefilled fields) records nothing.
    spec.given(mads, {
      type: 'RecordPoliticalDecision',
      stageId: 're-anchoring',
      reference: politicalDecision,
    });
    expect(spec.refused(mads, { type: 'RequestGateReview', stageId: 're-anchoring' }).code).toBe(
      'politicalDecisionFromEarlierRound',
    );
    spec.given(mads, {
      type: 'RecordPoliticalDecision',
      stageId: 're-anchoring',
      reference: { ...politicalDecision, meetingDate: '2026-09-17', caseNumber: '2026/0981' },
    });
    expect(politicalDecisionLack(spec.current, stage)).toBeUndefined();
    expect(spec.when(mads, { type: 'RequestGateReview', stageId: 're-anchoring' }).events[0]?.type).toBe(
      'GateReviewRequested',
    );
  });

  it('accepts the same decision when the group says why it still stands, and records why', () => {
    const spec = sentBackToReAnchoring();
    const recorded = spec.when(mads, {
      type: 'RecordPoliticalDecision',
      stageId: 're-anchoring',
      reference: politicalDecision,
      stillStandsBecause: 'Endringen ligger innenfor rammen kommunestyret vedtok.',
    });
    expect(recorded.events[0]).toMatchObject({
      type: 'PoliticalDecisionRecorded',
      round: 2,
      revision: 2,
      stillStandsBecause: 'Endringen ligger innenfor rammen kommunestyret vedtok.',
    });
    expect(spec.current.politicalDecisions['re-anchoring']).toMatchObject({ round: 2 });
    expect(spec.when(mads, { type: 'RequestGateReview', stageId: 're-anchoring' }).events[0]?.type).toBe(
      'GateReviewRequested',
    );
  });
});

describe('conditions set at a gate', () => {
  it('are carried to the next stage, for its review to follow up, and not beyond', () => {
    const spec = atGate('define-challenge');
    spec.given(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approveWithConditions', conditions: 'Ta med brukerrådet før neste port.' },
    });
    expect(spec.current.currentStageId).toBe('political-anchoring');
    expect(carriedConditions(spec.current, 'political-anchoring')).toEqual({
      fromStageId: 'define-challenge',
      conditions: ['Ta med brukerrådet før neste port.'],
      at: expect.any(String),
      deciderIds: [mia],
    });
    passStage(spec, 'political-anchoring');
    expect(carriedConditions(spec.current, 'staff-involvement')).toBeUndefined();
  });

  it('stay with the stage when its gate sends it back to itself', () => {
    const spec = atGate('define-challenge');
    spec.given(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approveWithConditions', conditions: 'Avklar budsjettet.' },
    });
    spec.given(mads, answerRequired('political-anchoring'));
    spec.given(mads, {
      type: 'RecordPoliticalDecision',
      stageId: 'political-anchoring',
      reference: politicalDecision,
    });
    spec.given(mads, { type: 'RequestGateReview', stageId: 'political-anchoring' });
    spec.given(mats, {
      type: 'DecideGate',
      stageId: 'political-anchoring',
      decision: { outcome: 'sendBack', toStageId: 'political-anchoring', reason: 'Mandatet er uklart.' },
    });
    expect(carriedConditions(spec.current, 'political-anchoring')?.conditions).toEqual([
      'Avklar budsjettet.',
    ]);
  });
});

describe('a passed gate', () => {
  it('keeps what each approver commented', () => {
    const spec = atGate('define-challenge');
    spec.given(mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approve', comment: 'Godt grunnlag.' },
    });
    expect(spec.current.recentDecisions[0]).toMatchObject({
      outcome: 'approved',
      comments: [{ personId: mia, text: 'Godt grunnlag.' }],
    });
  });
});
