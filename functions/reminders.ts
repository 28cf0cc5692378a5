/**
 * Timer: every 30 minutes, records and sends the reminders that are due (bot/reminders.ts). Half-hourly
 * so a reminder comes within half an hour of falling due and a run that failed (storage or connector
 * down) is tried again soon; the engine's one-a-day rule and the per-day delivery id keep the frequent
 * runs from sending more than one reminder a day per case.
 *
 * A run that starts late (`isPastDue`) is still correct: what is due is decided from the clock and the
 * case, not from the schedule. botbuilder is loaded on the first run (see runtime/bot.ts).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { Logger } from '../platform/logger';
import { withDeadline } from '../platform/deadline';

/** A run must end well before the next one starts (30 minutes) and before the Functions timeout. */
const RUN_BUDGET_MS = 4 * 60_000;

export async function reminders(timer: Timer, context: InvocationContext): Promise<void> {
  const [{ getBotRuntime }, { runReminders }] = await Promise.all([
    import('../runtime/bot.js'),
    import('../conversation/reminders.js'),
  ]);
  const runtime = getBotRuntime();
  const logger: Logger = {
    info: (message, details) => context.log(message, details ?? {}),
    warn: (message, details) => context.warn(message, details ?? {}),
    error: (message, details) => context.error(message, details ?? {}),
  };
  if (timer.isPastDue) logger.info('reminders: this run starts later than scheduled');
  const report = await withDeadline(RUN_BUDGET_MS, () =>
    runReminders(
      {
        log: runtime.services.log,
        cases: runtime.services.cases,
        templates: runtime.services.templates,
        effects: runtime.effects,
        chats: runtime.proactive,
        logger,
      },
      runtime.services.clock(),
    ),
  );
  // A run whose every case failed is an outage, not a quiet day: fail the invocation so it shows.
  if (report.checked > 0 && report.failed.length === report.checked) {
    throw new Error(`reminders: all ${report.checked} cases failed; see the log above`);
  }
}

app.timer('reminders', { schedule: '0 */30 * * * *', handler: reminders });
