/**
 * POST /api/tab/cases/{caseId}/resume — a manager takes a paused case up again from the dashboard:
 * `{ "resumeId" }`.
 *
 * The same `ResumeCase` as "gjenoppta" in the chat: the engine checks that the caller is a manager of
 * the case (403) and that it is paused (409); then the case's chat is told through the bot in a
 * proactive turn (the case is resumed, the next question asked). `resumeId` (a new UUID per click, kept
 * when the page retries) makes a repeated request record nothing twice. botbuilder is loaded on the
 * first such request only (see runtime/bot.ts).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseResumeRequest } from '../dashboard/resumeRequest';
import { readJsonBody, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';
import { commandResponse, innovationBot } from './shared/dashboardCommand';

export async function tabResume(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  // The caller is authenticated before the body is read; the body is read within API_MAX_BODY_BYTES.
  return authenticatedEndpoint(request, context, async (research, caller) => {
    const { resumeId } = parseResumeRequest(await readJsonBody(request, research));
    const { bot, sender } = await innovationBot();
    const result = await bot.resumeOutsideChat(sender, {
      caseId: routeParam(request, 'caseId'),
      actorId: caller.personId,
      deliveryId: `tab:${caller.personId}:${resumeId}`,
    });
    return commandResponse(result);
  });
}

app.http('tabResume', {
  methods: ['POST'],
  authLevel: 'anonymous',
  route: 'tab/cases/{caseId}/resume',
  handler: tabResume,
});
