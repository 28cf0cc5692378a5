/**
 * Case states for card tests, built by running real commands through the engine (CaseSpecification),
 * so a card is only ever tested against a state the engine can produce. Each fixture names the
 * situation a person would see in Teams.
 */
import type { CaseCommand, CaseState, Language } from '../../engine';
import { LANGUAGES } from '../../engine';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  passStage,
  people,
  politicalDecision,
  template,
} from '../engine/caseSpecification';

export { people, template };

export const LANGUAGES_UNDER_TEST: readonly Language[] = LANGUAGES;

/** Display names as the people directory would give them (Rita has been erased: no name). */
export const names: ReadonlyMap<string, string> = new Map([
  [people.olga, 'Olga Owner'],
  [people.mads, 'Mads Member'],
  [people.mia, 'Mia Manager'],
  [people.mats, 'Mats Manager'],
]);

export const members = [
  { personId: people.olga, name: 'Olga Owner' },
  { personId: people.mads, name: 'Mads Member' },
  { personId: people.mia, name: 'Mia Manager' },
  { personId: people.mats, name: 'Mats Manager' },
];

/** Teams ids of the deciders, as the bot resolves them for mentions. */
export const deciderMentions = [
  { personId: '29:teams-mia', name: 'Mia Manager' },
  { personId: '29:teams-mats', name: 'Mats Manager' },
];

export const STAGE_IDS = template.stages.map((stage) => stage.id);

export function opened(
  overrides: Partial<Extract<CaseCommand, { type: 'OpenCase' }>> = {},
): CaseSpecification {
  return new CaseSpecification().given(people.olga, openCommand(overrides));
}

/** The case with every stage before `stageId` passed, so `stageId` is current (round 1). */
export function atStage(stageId: string, spec: CaseSpecification = opened()): CaseSpecification {
  for (const id of STAGE_IDS) {
    if (id === stageId) return spec;
    passStage(spec, id);
  }
  throw new Error(`No stage ${stageId}`);
}

/** A review requested on the current stage (answers and, where needed, the political decision given). */
export function reviewRequested(
  stageId: string,
  spec: CaseSpecification = atStage(stageId),
): CaseSpecification {
  const stage = template.stages.find((candidate) => candidate.id === stageId);
  spec.given(people.olga, answerRequired(stageId));
  if (stage?.gate.requiresPoliticalDecision) {
    spec.given(people.olga, { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision });
  }
  return spec.given(people.olga, { type: 'RequestGateReview', stageId });
}

type GateDecision = Extract<CaseCommand, { type: 'DecideGate' }>['decision'];

/** A decision by Mia on the review of `stageId`. */
function decided(stageId: string, decision: GateDecision): CaseState {
  return reviewRequested(stageId).given(people.mia, { type: 'DecideGate', stageId, decision }).current;
}

/** Every situation the cards must render, by name. */
export function caseStates(): Record<string, CaseState> {
  const sentBack = reviewRequested('staff-involvement').given(people.mia, {
    type: 'DecideGate',
    stageId: 'staff-involvement',
    decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: 'Brukerne må med fra starten.' },
  });
  const withdrawn = reviewRequested('define-challenge').given(people.olga, {
    type: 'WithdrawGateReview',
    stageId: 'define-challenge',
    reason: 'Vi vil legge til mer om ressursene.',
  });
  const resumed = atStage('rollout')
    .given(people.mia, { type: 'PauseCase', reason: 'Budsjettet er ikke klart.' })
    .given(people.mia, { type: 'ResumeCase' });
  const completed = opened();
  for (const id of STAGE_IDS) passStage(completed, id);
  const politicalWithReference = atStage('political-anchoring').given(people.olga, {
    type: 'RecordDocumentation',
    stageId: 'political-anchoring',
    answers: [{ promptId: 'budget', answer: { type: 'number', number: 1_500_000 } }],
    politicalDecision,
  });
  const states: Record<string, CaseState> = {
    fresh: opened().current,
    partlyAnswered: opened()
      .given(people.mads, { type: 'JoinCase' })
      .given(people.mads, {
        type: 'RecordDocumentation',
        stageId: 'define-challenge',
        answers: [
          {
            promptId: 'challenge',
            answer: { type: 'text', text: 'Flere eldre bor hjemme lenger.\nVi har for få hender.' },
          },
          {
            promptId: 'trigger',
            answer: { type: 'choice', optionIds: ['demography', 'recruitment'], otherText: 'Nye boliger' },
          },
          { promptId: 'idea-source', answer: { type: 'choice', optionIds: ['employees-practice'] } },
          {
            promptId: 'knowledge-gathered',
            answer: { type: 'notApplicable', reason: 'Vi har ikke hentet inn noe ennå.' },
          },
        ],
      }).current,
    pendingGate0of2: reviewRequested('staff-involvement').current,
    pendingGate1of2: reviewRequested('staff-involvement').given(people.mia, {
      type: 'DecideGate',
      stageId: 'staff-involvement',
      decision: { outcome: 'approveWithConditions', conditions: 'Tillitsvalgte skal med i neste møte.' },
    }).current,
    pendingPoliticalGate: reviewRequested('political-anchoring').current,
    decidedApproved: decided('define-challenge', { outcome: 'approve', comment: 'Godt grunnlag.' }),
    decidedApprovedWithConditions: decided('define-challenge', {
      outcome: 'approveWithConditions',
      conditions: 'Ta med brukerrådet.',
    }),
    decidedSentBack: sentBack.current,
    decidedPaused: decided('staff-involvement', {
      outcome: 'pause',
      reason: 'Vi venter på budsjettvedtaket.',
    }),
    decidedStopped: decided('staff-involvement', {
      outcome: 'stop',
      reason: 'Tiltaket er lagt ned av kommunestyret.',
    }),
    withdrawn: withdrawn.current,
    resumed: resumed.current,
    completed: completed.current,
    politicalWithReference: politicalWithReference.current,
    sentBackRound2Answered: sentBack.given(people.olga, answerRequired('define-challenge')).current,
  };
  for (const stageId of STAGE_IDS) states[`current:${stageId}`] = atStage(stageId).current;
  return states;
}
