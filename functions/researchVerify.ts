/**
 * GET /api/research/cases/{caseId}/verify — walks the case's hash chain and reports whether it holds,
 * how many events were checked, and the first row that does not match (its sequence number and row key).
 * Answers 200 either way: the check ran; `ok` says what it found.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { jsonResponse, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';

export async function researchVerify(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ service }, caller) =>
    jsonResponse(await service.verify(caller, routeParam(request, 'caseId'))),
  );
}

app.http('researchVerify', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'research/cases/{caseId}/verify',
  handler: researchVerify,
});
