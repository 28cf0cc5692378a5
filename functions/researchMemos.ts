/**
 * /api/research/cases/{caseId}/memos — research memos.
 * - POST `{ "text": "...", "aboutSeq": 12 }` records a memo on event 12 (or, without `aboutSeq`, on the
 *   whole case) as a `MemoRecorded` event by the caller: memos are logged like everything else and never
 *   change the events they annotate. Answers 201 with the memo id and its sequence number.
 * - GET lists the case's memos, pseudonymised.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseLanguage } from '../research/researchRequests';
import { parseMemoBody } from '../research/researchService';
import { jsonResponse, readJsonBody, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';

export async function researchMemos(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async (research, caller) => {
    const caseId = routeParam(request, 'caseId');
    if (request.method === 'GET') {
      const language = parseLanguage(request.query.get('lang') ?? undefined, research.defaultLanguage);
      return jsonResponse({ memos: await research.service.listMemos(caller, caseId, language) });
    }
    // Read only now, after the caller is authenticated, and within API_MAX_BODY_BYTES.
    const body = await readJsonBody(request, research);
    return jsonResponse(await research.service.addMemo(caller, caseId, parseMemoBody(body)), 201);
  });
}

app.http('researchMemos', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  route: 'research/cases/{caseId}/memos',
  handler: researchMemos,
});
