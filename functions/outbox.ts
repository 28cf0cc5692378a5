/**
 * Timer: every minute, delivers what recorded commands still have to tell (application/outbox.ts):
 * effects a turn could not deliver because the process stopped, the Bot Connector was down or the turn
 * ran out of time. Each is delivered once its lease (30 s) has run out, in a proactive message to the
 * case's conversation, in the order the effects were produced; one the case has moved past is dropped.
 * Usually there is nothing to do: a run reads the case directory and one outbox range per case changed
 * in the last days. botbuilder is loaded on the first run (see runtime/bot.ts).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { withDeadline } from '../platform/deadline';

/** A run ends before the next one is due. */
const RUN_BUDGET_MS = 50_000;

export async function outbox(_timer: Timer, context: InvocationContext): Promise<void> {
  const { getBotRuntime } = await import('../runtime/bot.js');
  const runtime = getBotRuntime();
  const report = await withDeadline(RUN_BUDGET_MS, () => runtime.effects.sweep(runtime.proactive));
  if (report.delivered + report.superseded + report.abandoned > 0) {
    context.log('outbox: delivered what earlier turns left', { ...report });
  }
}

app.timer('outbox', { schedule: '0 * * * * *', handler: outbox });
