/**
 * A gate decided outside the chat (the dashboard tab): an application use case, not a turn. Recorded
 * exactly as a decision on the approval card (the engine decides who may decide and refuses a stale
 * request; those refusals are thrown for the caller to translate), then its effects go to the case's own
 * conversation in a proactive chat: the posted approval card is replaced, the outcome announced, the next
 * stage's first question asked. If the chat cannot be reached, the decision stands, `announced` says so,
 * and the outbox tells the chat later. A retried request records nothing twice and delivers what is left.
 */
import type { CaseService } from '../application/caseService';
import type { CaseState, GateDecision } from '../engine';
import { withDeadline } from '../platform/deadline';
import type { Logger } from '../platform/logger';
import type { ProactiveChats } from './chat';
import type { EffectRunner } from './effectRunner';

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

export interface OutsideDecisionResult {
  state: CaseState;
  /** True when nothing was recorded now: the same request had been recorded before. */
  duplicate: boolean;
  /** Whether the chat was told (card updated, outcome announced); the decision stands either way. */
  announced: boolean;
}

export interface OutsideDecisionDependencies {
  cases: Pick<CaseService, 'execute'>;
  effects: Pick<EffectRunner, 'outsideTurn' | 'leftoversOutside'>;
  chats: ProactiveChats;
  clock: () => Date;
  logger: Logger;
}

/** The page waits for the answer, with its own progress message. */
const BUDGET_MS = 10_000;

export function decideOutsideChat(
  deps: OutsideDecisionDependencies,
  request: OutsideDecision,
): Promise<OutsideDecisionResult> {
  return withDeadline(BUDGET_MS, async () => {
    const outcome = await deps.cases.execute({
      caseId: request.caseId,
      command: {
        type: 'DecideGate',
        stageId: request.stageId,
        requestSeq: request.requestSeq,
        decision: request.decision,
      },
      actorId: request.actorId,
      at: deps.clock().toISOString(),
      deliveryId: request.deliveryId,
    });
    if (outcome.duplicate) {
      await deps.effects.leftoversOutside(deps.chats, request.caseId).catch((error: unknown) => {
        deps.logger.warn('Undelivered effects of a repeated dashboard decision wait for the outbox timer', {
          caseId: request.caseId,
          error,
        });
      });
      return { state: outcome.state, duplicate: true, announced: false };
    }
    const report = await deps.effects.outsideTurn(deps.chats, outcome);
    const announced = report.reached && report.left === 0;
    if (!announced) {
      deps.logger.error('A decision made on the dashboard is recorded, but the chat could not be told yet', {
        caseId: outcome.caseId,
        left: report.left,
      });
    }
    return { state: outcome.state, duplicate: false, announced };
  });
}
