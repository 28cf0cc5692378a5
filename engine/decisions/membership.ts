/**
 * Who is in a case: joining it, roles given and taken by its owner, and each person's own say on
 * whether their contributions may be used for research.
 */
import type { AssignRole, DecisionContext, JoinCase, RecordResearchConsent, RevokeRole } from '../commands';
import { COMMAND_PROBLEMS, refuse } from '../refusals';
import type { CaseState } from '../state';
import { hasDeclinedResearch, hasRole, peopleWithRole } from '../state';
import type { Decision } from './decision';
import { NOTHING, stamp } from './decision';
import { requireKnownRole, requirePersonId } from './guards';

/** A participant who joins again records nothing (see `WHO_MAY`); anyone else becomes a member. */
export function joinCase(_command: JoinCase, _state: CaseState, context: DecisionContext): Decision {
  return stamp(context, [{ type: 'RoleAssigned', personId: context.actorId, role: 'member' }]);
}

export function assignRole(command: AssignRole, state: CaseState, context: DecisionContext): Decision {
  const personId = requirePersonId(command.personId);
  requireKnownRole(command.role);
  if (hasRole(state, personId, command.role)) return NOTHING;
  return stamp(context, [{ type: 'RoleAssigned', personId, role: command.role }]);
}

export function revokeRole(command: RevokeRole, state: CaseState, context: DecisionContext): Decision {
  requireKnownRole(command.role);
  if (!hasRole(state, command.personId, command.role)) return NOTHING;
  if (command.role === 'owner' && peopleWithRole(state, 'owner').length === 1) throw refuse.lastOwner();
  return stamp(context, [{ type: 'RoleRevoked', personId: command.personId, role: command.role }]);
}

export function recordResearchConsent(
  command: RecordResearchConsent,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const actor = context.actorId;
  if (command.consent !== 'declined' && command.consent !== 'given') {
    throw refuse.invalidCommand(COMMAND_PROBLEMS.consent);
  }
  // Anyone may say it about themselves (someone who only read along too), never the system.
  requirePersonId(actor);
  if (actor.startsWith('system:')) throw refuse.notAParticipant();
  if (hasDeclinedResearch(state, actor) === (command.consent === 'declined')) return NOTHING;
  return stamp(context, [{ type: 'ResearchConsentRecorded', consent: command.consent }]);
}
