/**
 * POST /api/tab/cases/{caseId}/decision — a manager decides a gate from the dashboard:
 * `{ "stageId", "requestSeq", "outcome", "decisionId", "conditions"?, "reason"?, "toStageId"?, "comment"? }`.
 *
 * Recorded exactly as a decision on the approval card (the engine checks that the caller decides this
 * gate and that the request is still open: 403 / 409), then the case's chat is told through the bot:
 * the posted approval card is replaced, the outcome announced, the next question asked. `decisionId`
 * (a new UUID per decision, kept when the page retries) makes a repeated request record nothing twice.
 * botbuilder is loaded on the first decision only (see runtime/bot.ts).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseDecisionRequest } from '../dashboard/decisionRequest';
import { readJsonBody, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';
import { commandResponse, innovationBot } from './shared/dashboardCommand';

export async function tabDecision(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  // The caller is authenticated before the body is read; the body is read within API_MAX_BODY_BYTES.
  return authenticatedEndpoint(request, context, async (research, caller) => {
    const decision = parseDecisionRequest(await readJsonBody(request, research));
    const { bot, sender } = await innovationBot();
    const result = await bot.decideOutsideChat(sender, {
      caseId: routeParam(request, 'caseId'),
      stageId: decision.stageId,
      requestSeq: decision.requestSeq,
      decision: decision.decision,
      actorId: caller.personId,
      deliveryId: `tab:${caller.personId}:${decision.decisionId}`,
    });
    return commandResponse(result);
  });
}

app.http('tabDecision', {
  methods: ['POST'],
  authLevel: 'anonymous',
  route: 'tab/cases/{caseId}/decision',
  handler: tabDecision,
});
