/**
 * Who may send each command, judged before the case's status (a stranger hears first that they are not
 * in the case, a member that only a manager can pause it), and one command that is already done for
 * whoever sends it: a participant who joins again.
 */
import type { CaseCommandType } from '../commands';
import { RESUMING_ROLE } from '../queries';
import { ACTIONS, refuse } from '../refusals';
import type { CaseState } from '../state';
import { hasRole, isParticipant } from '../state';
import type { CaseRole } from '../template';
import type { Localized } from '../localized';
import type { Decision } from './decision';
import { NOTHING } from './decision';
import { requireParticipant, requireRole } from './guards';

/** The commands sent to a case that exists (opening one is judged before there is a case). */
export type CaseCommandTypeOnCase = Exclude<CaseCommandType, 'OpenCase'>;

/** Throws the refusal when the actor may not send the command; returns a decision when it is already done. */
export type Access = (state: CaseState, actorId: string) => Decision | undefined;

const anyone: Access = () => undefined;

const participant: Access = (state, actorId) => {
  requireParticipant(state, actorId);
  return undefined;
};

function holderOf(role: CaseRole, action: Localized): Access {
  return (state, actorId) => {
    requireRole(state, actorId, role, action);
    return undefined;
  };
}

export const WHO_MAY: { readonly [T in CaseCommandTypeOnCase]: Access } = {
  JoinCase: (state, actorId) => (isParticipant(state, actorId) ? NOTHING : undefined),
  AssignRole: holderOf('owner', ACTIONS.assignRoles),
  RevokeRole: holderOf('owner', ACTIONS.removeRoles),
  RecordDocumentation: participant,
  RecordPoliticalDecision: participant,
  RecordIdea: participant,
  RecordBarrier: participant,
  RequestGateReview: participant,
  // Whoever asked for the review or an owner may withdraw it, a holder of the gate's role decide it:
  // both are judged against the pending review itself (engine/decisions/gates.ts).
  WithdrawGateReview: anyone,
  DecideGate: anyone,
  PauseCase: holderOf('manager', ACTIONS.pauseCase),
  ResumeCase: holderOf(RESUMING_ROLE, ACTIONS.resumeCase),
  StopCase: holderOf('manager', ACTIONS.stopCase),
  RecordDiffusion: (state, actorId) => {
    if (!hasRole(state, actorId, 'owner') && !hasRole(state, actorId, 'manager')) {
      throw refuse.roleRequired('owner', ACTIONS.spreadCase);
    }
    return undefined;
  },
  ChangeLanguage: participant,
  // The reminder timer acts as the system.
  RecordReminder: anyone,
  RecordMemo: holderOf('researcher', ACTIONS.writeMemos),
  // Anyone says it about themselves (engine/decisions/membership.ts refuses the system).
  RecordResearchConsent: anyone,
};
