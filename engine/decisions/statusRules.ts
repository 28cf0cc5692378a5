/**
 * Which commands a case takes in each status, and what a refused one is told: the one place the
 * lifecycle's rules live. The dispatcher (engine/decide.ts) consults it after who may send the command
 * (engine/decisions/access.ts) and before the command's own rules.
 */
import type { CaseCommandType } from '../commands';
import type { DomainError } from '../errors';
import { refuse } from '../refusals';
import type { CaseState, CaseStatus } from '../state';

/** What a case takes whatever its status: roles, notes, its language, research. */
const ALWAYS = [
  'AssignRole',
  'RevokeRole',
  'RecordIdea',
  'RecordBarrier',
  'ChangeLanguage',
  'RecordMemo',
  'RecordResearchConsent',
] as const satisfies readonly CaseCommandType[];

export const COMMANDS_BY_STATUS: Readonly<Record<CaseStatus, readonly CaseCommandType[]>> = {
  active: [
    ...ALWAYS,
    'JoinCase',
    'RecordDocumentation',
    'RecordPoliticalDecision',
    'RequestGateReview',
    'WithdrawGateReview',
    'DecideGate',
    'PauseCase',
    'StopCase',
    'RecordReminder',
  ],
  paused: [...ALWAYS, 'JoinCase', 'ResumeCase', 'StopCase'],
  stopped: [...ALWAYS],
  completed: [...ALWAYS, 'RecordDiffusion'],
};

/** The refusals a status gives; each names what is wrong with the case as it stands. */
export type StatusRefusal =
  'caseNotActive' | 'notPaused' | 'caseNotCompleted' | 'noGatePending' | 'caseAlreadyExists';

/**
 * What a command refused by the case's status is told: a case is opened once; only a paused case is
 * resumed and only a completed one spread; a gate review is only pending in an active case (a pause or
 * a stop closes it); everything else hears that the case is not active.
 */
export const STATUS_REFUSALS: Readonly<Record<CaseCommandType, StatusRefusal>> = {
  OpenCase: 'caseAlreadyExists',
  JoinCase: 'caseNotActive',
  AssignRole: 'caseNotActive',
  RevokeRole: 'caseNotActive',
  RecordDocumentation: 'caseNotActive',
  RecordPoliticalDecision: 'caseNotActive',
  RecordIdea: 'caseNotActive',
  RecordBarrier: 'caseNotActive',
  RequestGateReview: 'caseNotActive',
  WithdrawGateReview: 'noGatePending',
  DecideGate: 'noGatePending',
  PauseCase: 'caseNotActive',
  ResumeCase: 'notPaused',
  StopCase: 'caseNotActive',
  RecordDiffusion: 'caseNotCompleted',
  ChangeLanguage: 'caseNotActive',
  RecordReminder: 'caseNotActive',
  RecordMemo: 'caseNotActive',
  RecordResearchConsent: 'caseNotActive',
};

export function statusAllows(status: CaseStatus, type: CaseCommandType): boolean {
  return COMMANDS_BY_STATUS[status].includes(type);
}

/** The refusal for a command the case's status does not take, or undefined when it takes it. */
export function statusRefusal(type: CaseCommandType, state: CaseState): DomainError | undefined {
  if (statusAllows(state.status, type)) return undefined;
  const refusal = STATUS_REFUSALS[type];
  switch (refusal) {
    case 'caseNotActive':
      return refuse.caseNotActive(state.status);
    case 'notPaused':
      return refuse.notPaused();
    case 'caseNotCompleted':
      return refuse.caseNotCompleted();
    case 'noGatePending':
      return refuse.noGatePending();
    case 'caseAlreadyExists':
      return refuse.caseAlreadyExists(state.caseId);
  }
}

export function requireStatusAllows(type: CaseCommandType, state: CaseState): void {
  const refusal = statusRefusal(type, state);
  if (refusal) throw refusal;
}
