/**
 * A command sent from outside the chat (the dashboard tab): an application use case, not a turn. The
 * engine judges it as it would in the chat (who may send it, whether the case's status takes it; those
 * refusals are thrown for the caller to translate), then its effects go to the case's own conversation in
 * a proactive chat. If the chat cannot be reached, the command stands, `announced` says so, and the
 * outbox tells the chat later. A retried request records nothing twice and delivers what is left.
 *
 * Used by decideOutsideChat.ts (a gate decision) and resumeOutsideChat.ts (a paused case taken up again).
 */
import type { CaseService } from '../application/caseService';
import type { CaseCommand, CaseState } from '../engine';
import { withDeadline } from '../platform/deadline';
import type { Logger } from '../platform/logger';
import type { ProactiveChats } from './chat';
import type { EffectRunner } from './effectRunner';

export interface OutsideCommand {
  caseId: string;
  command: CaseCommand;
  /** The person's id (Entra object id, from their token). */
  actorId: string;
  /** Makes a retried request record nothing twice, like a redelivered activity. */
  deliveryId: string;
}

export interface OutsideCommandResult {
  state: CaseState;
  /** True when nothing was recorded now: the same request had been recorded before. */
  duplicate: boolean;
  /** Whether the chat was told; the command stands either way. */
  announced: boolean;
}

export interface OutsideCommandDependencies {
  cases: Pick<CaseService, 'execute'>;
  effects: Pick<EffectRunner, 'outsideTurn' | 'leftoversOutside'>;
  chats: ProactiveChats;
  clock: () => Date;
  logger: Logger;
}

/** The page waits for the answer, with its own progress message. */
const BUDGET_MS = 10_000;

export function commandOutsideChat(
  deps: OutsideCommandDependencies,
  request: OutsideCommand,
): Promise<OutsideCommandResult> {
  return withDeadline(BUDGET_MS, async () => {
    const outcome = await deps.cases.execute({
      caseId: request.caseId,
      command: request.command,
      actorId: request.actorId,
      at: deps.clock().toISOString(),
      deliveryId: request.deliveryId,
    });
    if (outcome.duplicate) {
      await deps.effects.leftoversOutside(deps.chats, request.caseId).catch((error: unknown) => {
        deps.logger.warn('Undelivered effects of a repeated dashboard command wait for the outbox timer', {
          caseId: request.caseId,
          command: request.command.type,
          error,
        });
      });
      return { state: outcome.state, duplicate: true, announced: false };
    }
    const report = await deps.effects.outsideTurn(deps.chats, outcome);
    const announced = report.reached && report.left === 0;
    if (!announced) {
      deps.logger.error('A command sent on the dashboard is recorded, but the chat could not be told yet', {
        caseId: outcome.caseId,
        command: request.command.type,
        left: report.left,
      });
    }
    return { state: outcome.state, duplicate: false, announced };
  });
}
