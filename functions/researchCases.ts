/**
 * GET /api/research/cases — the cases the caller may read (researcher app role, and the researcher role
 * in each case), filtered by `status`, `template`, `unit` and a date range (`from`, `to`), at most
 * `limit` (default 100, at most 500). Titles are pseudonymised like exports.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseLanguage, parseListRequest } from '../research/researchRequests';
import { jsonResponse, authenticatedEndpoint } from './shared/authenticatedApi';

export async function researchCases(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ service, defaultLanguage }, caller) => {
    const list = parseListRequest(request.query);
    const language = parseLanguage(request.query.get('lang') ?? undefined, defaultLanguage);
    const result = await service.listCases(caller, list, language);
    return jsonResponse({ ...result, count: result.cases.length, limit: list.limit });
  });
}

app.http('researchCases', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'research/cases',
  handler: researchCases,
});
