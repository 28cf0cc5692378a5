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
import { researchRefusals } from '../research/researchRefusals';
import { jsonResponse, researchEndpoint, routeParam } from './shared/researchHttp';

/** A decision is a few lines of text; anything much larger is not one. */
const MAX_BODY_CHARS = 64 * 1024;

export async function tabDecision(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return researchEndpoint(request, context, async (_research, caller) => {
    const raw = await request.text();
    let body: unknown;
    try {
      if (raw.length > MAX_BODY_CHARS) throw new Error('too large');
      body = JSON.parse(raw);
    } catch {
      throw researchRefusals.invalidBody({
        nb: `innholdet er ikke JSON på under ${MAX_BODY_CHARS / 1024} KiB.`,
        en: `the body is not JSON under ${MAX_BODY_CHARS / 1024} KiB.`,
      });
    }
    const decision = parseDecisionRequest(body);
    const [{ getBotRuntime }, { InnovationBot }] = await Promise.all([
      import('../runtime/bot.js'),
      import('../bot/innovationBot.js'),
    ]);
    const runtime = getBotRuntime();
    if (!(runtime.bot instanceof InnovationBot)) throw new Error('The bot runtime has no innovation bot');
    const result = await runtime.bot.decideOutsideChat(
      { adapter: runtime.adapter, appId: runtime.appId },
      {
        caseId: routeParam(request, 'caseId'),
        stageId: decision.stageId,
        requestSeq: decision.requestSeq,
        decision: decision.decision,
        actorId: caller.personId,
        deliveryId: `tab:${caller.personId}:${decision.decisionId}`,
      },
    );
    return jsonResponse({
      recorded: true,
      duplicate: result.duplicate,
      announced: result.announced,
      case: {
        caseId: result.state.caseId,
        status: result.state.status,
        currentStageId: result.state.currentStageId,
        gatePending: result.state.gate !== undefined,
        version: result.state.version,
      },
    });
  });
}

app.http('tabDecision', {
  methods: ['POST'],
  authLevel: 'anonymous',
  route: 'tab/cases/{caseId}/decision',
  handler: tabDecision,
});
