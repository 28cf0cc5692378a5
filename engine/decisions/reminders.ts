/**
 * Reminders: which one is due (an idle stage, a gate waiting too long) and recording that the timer
 * sent it, at most one a day.
 */
import type { DecisionContext, RecordReminder } from '../commands';
import { stageOf, whoMustDecide } from '../queries';
import { refuse } from '../refusals';
import type { CaseState } from '../state';
import type { ProcessTemplate } from '../template';
import type { Decision } from './decision';
import { roundOf, stamp } from './decision';

export function recordReminder(
  command: RecordReminder,
  state: CaseState,
  context: DecisionContext,
): Decision {
  const { template } = context;
  if (
    state.lastReminderAt !== undefined &&
    Date.parse(context.at) - Date.parse(state.lastReminderAt) < DAY_MS
  ) {
    throw refuse.reminderTooSoon(state.lastReminderAt);
  }
  if (reminderDue(state, template, context.at) !== command.kind) throw refuse.reminderNotDue();
  const personIds = whoMustDecide(state, template);
  return stamp(
    context,
    [
      {
        type: 'ReminderSent',
        kind: command.kind,
        stageId: state.currentStageId,
        round: roundOf(state, state.currentStageId),
        personIds,
      },
    ],
    [{ type: 'sendReminder', kind: command.kind, stageId: state.currentStageId, personIds }],
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which reminder is due at `now`, if any: a pending gate older than the stage's `gateReminderDays`, or
 * an active stage without activity for `idleReminderDays`; never more than one a day, never for a case
 * that is paused, stopped or completed.
 */
export function reminderDue(
  state: CaseState,
  template: ProcessTemplate,
  now: string,
): 'idleStage' | 'pendingGate' | undefined {
  if (state.status !== 'active') return undefined;
  const nowMs = Date.parse(now);
  if (state.lastReminderAt !== undefined && nowMs - Date.parse(state.lastReminderAt) < DAY_MS)
    return undefined;
  const stage = stageOf(template, state.currentStageId);
  if (state.gate) {
    return nowMs - Date.parse(state.gate.requestedAt) >= stage.gateReminderDays * DAY_MS
      ? 'pendingGate'
      : undefined;
  }
  return nowMs - Date.parse(state.lastActivityAt) >= stage.idleReminderDays * DAY_MS
    ? 'idleStage'
    : undefined;
}
