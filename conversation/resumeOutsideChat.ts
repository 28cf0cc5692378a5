/**
 * A paused case resumed outside the chat (the dashboard tab): the same `ResumeCase` the chat's
 * "gjenoppta" sends, so the engine decides who may resume (a manager) and refuses a case that is not
 * paused; then the case's own conversation is told in a proactive chat (conversation/commandOutsideChat.ts):
 * the case is resumed, and the next question is asked.
 */
import {
  commandOutsideChat,
  type OutsideCommandDependencies,
  type OutsideCommandResult,
} from './commandOutsideChat';

export interface OutsideResume {
  caseId: string;
  /** The manager's person id (Entra object id, from their token). */
  actorId: string;
  /** Makes a retried request record nothing twice, like a redelivered activity. */
  deliveryId: string;
}

export function resumeOutsideChat(
  deps: OutsideCommandDependencies,
  request: OutsideResume,
): Promise<OutsideCommandResult> {
  return commandOutsideChat(deps, { ...request, command: { type: 'ResumeCase' } });
}
