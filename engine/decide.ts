/**
 * The decider: given a command, the case as it stands and the context (who, when, which template),
 * return the events to record and the effects to carry out, or throw a refusal (a `DomainError` with
 * its reason in both languages). Pure: no clock, no random ids, no I/O, so a log replays identically.
 *
 * This file only dispatches, in the same order for every command: who may send it
 * (decisions/access.ts), whether the case's status takes it (decisions/statusRules.ts), then the
 * command's own rules, one function per command in decisions/, grouped by concern.
 */
import type { CaseCommand, DecisionContext } from './commands';
import type { CaseCommandTypeOnCase } from './decisions/access';
import { WHO_MAY } from './decisions/access';
import { recordBarrier, recordIdea } from './decisions/contributions';
import type { Decision } from './decisions/decision';
import { recordDocumentation, recordPoliticalDecision } from './decisions/documentation';
import { decideGate, requestGateReview, withdrawGateReview } from './decisions/gates';
import {
  changeLanguage,
  openCase,
  pauseCase,
  recordDiffusion,
  resumeCase,
  stopCase,
} from './decisions/lifecycle';
import { assignRole, joinCase, recordResearchConsent, revokeRole } from './decisions/membership';
import { recordMemo } from './decisions/memos';
import { recordReminder } from './decisions/reminders';
import { requireStatusAllows, statusRefusal } from './decisions/statusRules';
import { refuse } from './refusals';
import type { CaseState } from './state';

export type { Decision } from './decisions/decision';
export { roundOf } from './decisions/decision';
export {
  checkAnswer,
  checkPoliticalDecision,
  documentationBasis,
  missingRequiredAnswers,
} from './decisions/documentation';
export { approvalsNeeded, eligibleDeciders } from './decisions/gates';
export { ENTITY_ID_PATTERN, normaliseText } from './decisions/guards';
export { reminderDue } from './decisions/reminders';
export type { StatusRefusal } from './decisions/statusRules';
export { COMMANDS_BY_STATUS, STATUS_REFUSALS, statusAllows } from './decisions/statusRules';

type CommandOf<T extends CaseCommandTypeOnCase> = Extract<CaseCommand, { type: T }>;

/** One decider per command sent to an existing case; the compiler checks none is missing. */
const DECIDERS: {
  readonly [T in CaseCommandTypeOnCase]: (
    command: CommandOf<T>,
    state: CaseState,
    context: DecisionContext,
  ) => Decision;
} = {
  JoinCase: joinCase,
  AssignRole: assignRole,
  RevokeRole: revokeRole,
  RecordDocumentation: recordDocumentation,
  RecordPoliticalDecision: recordPoliticalDecision,
  RecordIdea: recordIdea,
  RecordBarrier: recordBarrier,
  RequestGateReview: requestGateReview,
  WithdrawGateReview: withdrawGateReview,
  DecideGate: decideGate,
  PauseCase: pauseCase,
  ResumeCase: resumeCase,
  StopCase: stopCase,
  RecordDiffusion: recordDiffusion,
  ChangeLanguage: changeLanguage,
  RecordReminder: recordReminder,
  RecordMemo: recordMemo,
  RecordResearchConsent: recordResearchConsent,
};

export function decide(
  command: CaseCommand,
  state: CaseState | undefined,
  context: DecisionContext,
): Decision {
  if (command.type === 'OpenCase') {
    // A case is opened once: the status table takes OpenCase in no status.
    if (state !== undefined)
      throw statusRefusal(command.type, state) ?? refuse.caseAlreadyExists(state.caseId);
    return openCase(command, context);
  }
  if (state === undefined) throw refuse.caseNotFound('');
  const alreadyDone = WHO_MAY[command.type](state, context.actorId);
  if (alreadyDone) return alreadyDone;
  requireStatusAllows(command.type, state);
  return run(command.type, command, state, context);
}

function run<T extends CaseCommandTypeOnCase>(
  type: T,
  command: CommandOf<T>,
  state: CaseState,
  context: DecisionContext,
): Decision {
  return DECIDERS[type](command, state, context);
}
