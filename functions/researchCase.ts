/**
 * GET /api/research/cases/{caseId} — one case's summary as it stands: stages, participants with roles,
 * recent decisions, counts. Pseudonymised; `names=real` needs the real-names app role.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseLanguage, parseNames } from '../research/researchRequests';
import { jsonResponse, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';

export async function researchCase(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ service, defaultLanguage }, caller) => {
    const names = parseNames(request.query.get('names') ?? undefined);
    const language = parseLanguage(request.query.get('lang') ?? undefined, defaultLanguage);
    return jsonResponse(await service.caseSummary(caller, routeParam(request, 'caseId'), names, language));
  });
}

app.http('researchCase', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'research/cases/{caseId}',
  handler: researchCase,
});
