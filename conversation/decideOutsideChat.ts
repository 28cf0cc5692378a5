/**
 * A gate decided outside the chat (the dashboard tab): recorded exactly as a decision on the approval
 * card (the engine decides who may decide and refuses a stale request), then told in the case's own
 * conversation (conversation/commandOutsideChat.ts): the posted approval card is replaced, the outcome
 * announced, the next stage's first question asked.
 */
import type { GateDecision } from '../engine';
import {
  commandOutsideChat,
  type OutsideCommandDependencies,
  type OutsideCommandResult,
} from './commandOutsideChat';

export interface OutsideDecision {
  caseId: string;
  stageId: string;
  /** The review request the person saw; a decision on an older one is refused by the engine. */
  requestSeq: number;
  decision: GateDecision;
  /** The decider's person id (Entra object id, from their token). */
  actorId: string;
  /** Makes a retried request record nothing twice, like a redelivered activity. */
  deliveryId: string;
}

export type OutsideDecisionResult = OutsideCommandResult;
export type OutsideDecisionDependencies = OutsideCommandDependencies;

export function decideOutsideChat(
  deps: OutsideDecisionDependencies,
  request: OutsideDecision,
): Promise<OutsideDecisionResult> {
  return commandOutsideChat(deps, {
    caseId: request.caseId,
    command: {
      type: 'DecideGate',
      stageId: request.stageId,
      requestSeq: request.requestSeq,
      decision: request.decision,
    },
    actorId: request.actorId,
    deliveryId: request.deliveryId,
  });
}
