/**
 * What cannot be true of a case at once, checked on the folded value itself (the types say it, this
 * says the fold keeps it at run time): only an active case has a pending review, a paused case has its
 * pause, a stopped case its stop, a completed case the time it completed, and nothing else of those.
 */
import type { CaseState, CaseStatus } from '../../engine';

const OWN_FIELDS: Record<CaseStatus, readonly string[]> = {
  active: ['gate'],
  paused: ['pause'],
  stopped: ['stop'],
  completed: ['completedAt'],
};

const REQUIRED: Record<CaseStatus, string | undefined> = {
  active: undefined,
  paused: 'pause',
  stopped: 'stop',
  completed: 'completedAt',
};

export function caseStateProblems(state: CaseState): string[] {
  const problems: string[] = [];
  const fields = state as unknown as Record<string, unknown>;
  if (!(state.status in OWN_FIELDS)) return [`unknown status ${String(state.status)}`];
  for (const [status, own] of Object.entries(OWN_FIELDS)) {
    if (status === state.status) continue;
    for (const field of own) {
      if (field in fields && !OWN_FIELDS[state.status].includes(field)) {
        problems.push(`a ${state.status} case has ${field}`);
      }
    }
  }
  const required = REQUIRED[state.status];
  if (required !== undefined && fields[required] === undefined) {
    problems.push(`a ${state.status} case without ${required}`);
  }
  if (state.gate && state.gate.stageId !== state.currentStageId) {
    problems.push(`the pending review is for ${state.gate.stageId}, the case is in ${state.currentStageId}`);
  }
  return problems;
}

export function expectCaseInvariants(state: CaseState, where: string): void {
  const problems = caseStateProblems(state);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
}
