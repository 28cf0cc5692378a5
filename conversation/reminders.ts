/**
 * Reminders: the timer (functions/reminders.ts) calls `runReminders` every half hour. For each active case
 * in the case directory it reads the case and asks the engine whether a reminder is due
 * (`reminderDue`: an idle stage, or a gate waiting too long for its deciders; never for a paused, stopped
 * or completed case, and at most one a day). A due reminder is recorded through `CaseService` as
 * `RecordReminder` by `system:reminders`; the engine's `sendReminder` effect goes to the outbox in the
 * same append and is delivered by the effect runner: an idle reminder names the stage's next open
 * question, a pending-gate reminder @mentions the deciders who have not approved.
 *
 * Recording is the decision "this case gets today's reminder"; its delivery id
 * `reminder:<caseId>:<UTC date>` makes a second recording the same day (a second timer run, an
 * overlapping run on another instance) a duplicate that records nothing and sends nothing. Because the
 * message itself is in the outbox, a reminder that could not be sent now (the Bot Connector down, the
 * process stopped) is sent later by the outbox timer, once; one the case has moved past by then (the gate
 * was decided) is not sent at all.
 *
 * Cases are handled one after the other: the Bot Connector limits how fast a bot may write, and the few
 * dozen cases of a municipality take seconds this way.
 */
import type { CaseService } from '../application/caseService';
import { isDomainError, reminderDue, type ReminderSent, type TemplateCatalog } from '../engine';
import type { Logger } from '../platform/logger';
import { consoleLogger } from '../platform/logger';
import { StorageUnavailableError, type EventLog } from '../storage/eventLog';
import type { ProactiveChats } from './chat';
import type { EffectRunner } from './effectRunner';

/** The actor reminders are recorded under, so the log tells them apart from people's actions. */
export const REMINDER_ACTOR = 'system:reminders';

/** Kept for callers that name it; every logger of the app has `info`. */
export type ReminderLogger = Logger;

export interface ReminderDependencies {
  log: Pick<EventLog, 'listCases'>;
  cases: Pick<CaseService, 'getCase' | 'execute'>;
  templates: TemplateCatalog;
  effects: Pick<EffectRunner, 'outsideTurn'>;
  chats: ProactiveChats;
  logger?: Logger;
}

export type ReminderKind = ReminderSent['kind'];

export interface ReminderReport {
  /** Active cases looked at. */
  checked: number;
  /** Reminders recorded and delivered. */
  sent: { caseId: string; kind: ReminderKind }[];
  /** Reminders recorded but not delivered now (the outbox delivers them later; see the module comment). */
  undelivered: { caseId: string; kind: ReminderKind; reason: string }[];
  /** Cases that could not be looked at because of an unexpected error (logged). */
  failed: { caseId: string; reason: string }[];
}

/** The delivery id of a case's reminder on the (UTC) day of `at`: the same for every run that day. */
export function reminderDeliveryId(caseId: string, at: string): string {
  return `reminder:${caseId}:${at.slice(0, 10)}`;
}

export async function runReminders(deps: ReminderDependencies, now: Date): Promise<ReminderReport> {
  const logger = deps.logger ?? consoleLogger;
  const at = now.toISOString();
  const report: ReminderReport = { checked: 0, sent: [], undelivered: [], failed: [] };
  // The directory is read to the end first: sending while paging would hold its continuation open for
  // the duration of every send.
  const caseIds: string[] = [];
  for await (const summary of deps.log.listCases({ status: 'active' })) caseIds.push(summary.caseId);

  for (const caseId of caseIds) {
    report.checked += 1;
    try {
      await remindCase(deps, logger, caseId, at, report);
    } catch (error) {
      // Storage down: every other case would fail the same way; stop, the next run tries again.
      if (error instanceof StorageUnavailableError) throw error;
      logger.error('reminders: a case could not be handled', { caseId, error });
      report.failed.push({ caseId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  logger.info('reminders: run finished', {
    at,
    checked: report.checked,
    sent: report.sent.length,
    undelivered: report.undelivered.length,
    failed: report.failed.length,
  });
  return report;
}

async function remindCase(
  deps: ReminderDependencies,
  logger: Logger,
  caseId: string,
  at: string,
  report: ReminderReport,
): Promise<void> {
  // The directory is a copy and may lag: the head decides (a case paused a moment ago gets nothing).
  const state = await deps.cases.getCase(caseId);
  if (!state) return;
  const template = deps.templates.get(state.template);
  const kind = reminderDue(state, template, at);
  if (kind === undefined) return;

  let outcome;
  try {
    outcome = await deps.cases.execute({
      caseId,
      command: { type: 'RecordReminder', kind },
      actorId: REMINDER_ACTOR,
      at,
      deliveryId: reminderDeliveryId(caseId, at),
    });
  } catch (error) {
    // The case changed between the read and the recording (someone answered, a manager paused it, another
    // run recorded the reminder first): the engine says no reminder now, and that is the answer.
    if (!isDomainError(error)) throw error;
    logger.info('reminders: not recorded, the case changed meanwhile', { caseId, kind, code: error.code });
    return;
  }
  // Recorded by an earlier run today: that run sent it (or logged why not). Never send twice.
  if (outcome.duplicate) return;
  const event = outcome.events
    .map((stored) => stored.event)
    .find((e): e is ReminderSent => e.type === 'ReminderSent');
  if (!event) return;

  const delivered = await deps.effects.outsideTurn(deps.chats, outcome);
  if (delivered.delivered > 0) {
    report.sent.push({ caseId, kind: event.kind });
    return;
  }
  const reason = !delivered.reached
    ? 'the conversation could not be reached'
    : delivered.superseded > 0
      ? 'the case moved on'
      : 'not delivered yet';
  logger.warn('reminders: recorded, but not delivered now; the outbox delivers it later', {
    caseId,
    kind: event.kind,
    reason,
  });
  report.undelivered.push({ caseId, kind: event.kind, reason });
}
