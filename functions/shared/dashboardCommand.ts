/**
 * What the dashboard's commands (a gate decision, a resume) share: the innovation bot, loaded on the
 * first such request only (so a cold start of the read routes does not pay for botbuilder), the sender
 * its proactive turn goes out through, and the answer the page reads back.
 */
import type { CaseState } from '../../engine';
import type { InnovationBot, ProactiveSender } from '../../bot/innovationBot';
import { jsonResponse } from './authenticatedApi';

export async function innovationBot(): Promise<{ bot: InnovationBot; sender: ProactiveSender }> {
  const [{ getBotRuntime }, { InnovationBot: Bot }] = await Promise.all([
    import('../../runtime/bot.js'),
    import('../../bot/innovationBot.js'),
  ]);
  const runtime = getBotRuntime();
  if (!(runtime.bot instanceof Bot)) throw new Error('The bot runtime has no innovation bot');
  return { bot: runtime.bot, sender: { adapter: runtime.adapter, appId: runtime.appId } };
}

/** The command was recorded (or had been, for a repeated request); the case as it stands now. */
export function commandResponse(result: { duplicate: boolean; announced: boolean; state: CaseState }) {
  const { state } = result;
  return jsonResponse({
    recorded: true,
    duplicate: result.duplicate,
    announced: result.announced,
    case: {
      caseId: state.caseId,
      status: state.status,
      currentStageId: state.currentStageId,
      gatePending: state.gate !== undefined,
      version: state.version,
    },
  });
}
