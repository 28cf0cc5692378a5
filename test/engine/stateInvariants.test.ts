/**
 * `evolve` never folds to a case that is two things at once. Every scenario built with
 * `CaseSpecification` checks each state it folds (caseSpecification.ts), the frozen log of
 * stateFormat.test.ts checks its own; here, seeded walks send every kind of command, by every kind of
 * person, in whatever order, and each state folded from what decide accepted is checked.
 */
import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseState, GateDecision } from '../../engine';
import { isDomainError } from '../../engine';
import { caseStateProblems } from './caseInvariants';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  people,
  politicalDecision,
  template,
} from './caseSpecification';

const { olga, mads, mia, mats, rita, stranger } = people;
const ACTORS = [olga, mads, mia, mats, rita, stranger, 'system:reminders'];

/** A small deterministic generator (a walk that fails repeats with its seed). */
function generator(seed: number): (n: number) => number {
  let value = seed >>> 0;
  return (n) => {
    value = (Math.imul(value, 1664525) + 1013904223) >>> 0;
    return value % n;
  };
}

function decisions(state: CaseState): GateDecision[] {
  return [
    { outcome: 'approve' },
    { outcome: 'approveWithConditions', conditions: 'Rapporter i mai' },
    { outcome: 'sendBack', toStageId: template.stages[0]?.id ?? state.currentStageId, reason: 'Mer data' },
    { outcome: 'pause', reason: 'Budsjett' },
    { outcome: 'stop', reason: 'Prioritert bort' },
  ];
}

function anyCommand(state: CaseState, pick: (n: number) => number): CaseCommand | undefined {
  const stageId = state.currentStageId;
  const options = decisions(state);
  const all: CaseCommand[] = [
    { type: 'JoinCase' },
    { type: 'AssignRole', personId: stranger, role: 'member' },
    { type: 'RevokeRole', personId: stranger, role: 'member' },
    answerRequired(stageId),
    { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision },
    { type: 'RecordIdea', ideaId: `idea-${pick(1000)}`, text: 'Faste team' },
    { type: 'RequestGateReview', stageId },
    { type: 'RequestGateReview', stageId },
    { type: 'WithdrawGateReview', stageId },
    { type: 'DecideGate', stageId, decision: options[pick(options.length)] ?? { outcome: 'approve' } },
    { type: 'DecideGate', stageId, decision: { outcome: 'approve' } },
    { type: 'DecideGate', stageId, decision: { outcome: 'approve' } },
    { type: 'PauseCase', reason: 'Ferie' },
    { type: 'ResumeCase' },
    { type: 'ResumeCase' },
    { type: 'StopCase', reason: 'Slutt' },
    { type: 'RecordDiffusion', toCaseId: `case-${pick(1000)}` },
    { type: 'ChangeLanguage', language: pick(2) === 0 ? 'nb' : 'en' },
    { type: 'RecordReminder', kind: pick(2) === 0 ? 'idleStage' : 'pendingGate' },
    { type: 'RecordMemo', memoId: `memo-${pick(1000)}`, text: 'Notat' },
    { type: 'RecordResearchConsent', consent: pick(2) === 0 ? 'declined' : 'given' },
  ];
  return all[pick(all.length)];
}

function progress(state: CaseState): [string, CaseCommand][] {
  const stageId = state.currentStageId;
  return [
    [olga, answerRequired(stageId)],
    [olga, { type: 'RecordPoliticalDecision', stageId, reference: politicalDecision }],
    [olga, { type: 'RequestGateReview', stageId }],
    [mia, { type: 'DecideGate', stageId, decision: { outcome: 'approve' } }],
    [mats, { type: 'DecideGate', stageId, decision: { outcome: 'approve' } }],
  ];
}

function walk(seed: number, steps: number): { statuses: Set<string>; accepted: number } {
  const pick = generator(seed);
  const spec = new CaseSpecification()
    .given(olga, openCommand())
    .given(mads, { type: 'JoinCase' })
    .given(olga, { type: 'AssignRole', personId: rita, role: 'researcher' });
  const statuses = new Set<string>([spec.current.status]);
  let accepted = 0;
  for (let step = 0; step < steps; step += 1) {
    // Mostly the work that moves a case on (so walks reach the end), otherwise anything by anyone.
    const [actor, command] =
      pick(10) < 7
        ? (progress(spec.current)[pick(5)] ?? [olga, { type: 'JoinCase' }])
        : [ACTORS[pick(ACTORS.length)], anyCommand(spec.current, pick)];
    if (!actor || !command) continue;
    spec.after(pick(3) * 24 * 60);
    try {
      // given() folds the events and checks every state (caseSpecification.ts).
      spec.given(actor, command);
      accepted += 1;
    } catch (error) {
      // A refusal records nothing; anything else (a broken state among them) fails the walk.
      if (!isDomainError(error)) throw error;
    }
    statuses.add(spec.current.status);
  }
  return { statuses, accepted };
}

describe('the folded case keeps to one status', () => {
  it('through seeded walks of every command, the folded states break no rule', () => {
    const seen = new Set<string>();
    let accepted = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const result = walk(seed, 150);
      for (const status of result.statuses) seen.add(status);
      accepted += result.accepted;
    }
    // The walks are not vacuous: they reach every status and record plenty.
    expect([...seen].sort()).toEqual(['active', 'completed', 'paused', 'stopped']);
    expect(accepted).toBeGreaterThan(1000);
  });

  it('notices a state that is two things at once', () => {
    const active = new CaseSpecification().given(olga, openCommand()).current;
    const broken = { ...active, status: 'stopped' } as unknown as CaseState;
    expect(caseStateProblems(broken)).toEqual(['a stopped case without stop']);
    const paused = { ...active, status: 'paused', pause: { at: '', by: olga, reason: 'x' } };
    const withGate = { ...paused, gate: { stageId: active.currentStageId } } as unknown as CaseState;
    expect(caseStateProblems(withGate)).toEqual(['a paused case has gate']);
  });
});
