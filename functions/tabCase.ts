/**
 * GET /api/tab/cases/{caseId} — one case for the dashboard: its timeline (stages as bands over time,
 * gate decisions, pauses, ideas and barriers), its documentation per stage, and the research export
 * formats the caller may download. 403 unless the caller holds a role in the case.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseLanguage } from '../research/researchRequests';
import { jsonResponse, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';

export async function tabCase(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ dashboard, defaultLanguage }, caller) => {
    const language = parseLanguage(request.query.get('lang') ?? undefined, defaultLanguage);
    return jsonResponse(await dashboard.caseDetail(caller, routeParam(request, 'caseId'), language));
  });
}

app.http('tabCase', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'tab/cases/{caseId}',
  handler: tabCase,
});
