/**
 * GET /api/tab/cases — the dashboard's list: the cases of the team channel or chat named by
 * `conversation` (or, without it, every case the caller holds a role in), the gate reviews waiting for
 * the caller, in `lang` (nb, nn or en). Needs a bearer token (Teams single sign-on, or a development token
 * locally); only cases the caller holds a role in are listed (dashboard/dashboardService.ts).
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseConversationId } from '../dashboard/dashboardRefusals';
import { parseLanguage } from '../research/researchRequests';
import { jsonResponse, authenticatedEndpoint } from './shared/authenticatedApi';

export async function tabCases(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ dashboard, defaultLanguage }, caller) => {
    const language = parseLanguage(request.query.get('lang') ?? undefined, defaultLanguage);
    const conversationId = parseConversationId(request.query.get('conversation'));
    return jsonResponse(
      await dashboard.listCases(caller, {
        language,
        ...(conversationId !== undefined && { conversationId }),
      }),
    );
  });
}

app.http('tabCases', { methods: ['GET'], authLevel: 'anonymous', route: 'tab/cases', handler: tabCases });
