/**
 * /api/research/cases/{caseId}/memos — research memos.
 * - POST `{ "text": "...", "aboutSeq": 12 }` records a memo on event 12 (or, without `aboutSeq`, on the
 *   whole case) as a `MemoRecorded` event by the caller: memos are logged like everything else and never
 *   change the events they annotate. Answers 201 with the memo id and its sequence number.
 * - GET lists the case's memos, pseudonymised.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseLanguage } from '../research/researchRequests';
import { researchRefusals } from '../research/researchRefusals';
import { parseMemoBody } from '../research/researchService';
import { jsonResponse, researchEndpoint, routeParam } from './shared/researchHttp';

export async function researchMemos(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return researchEndpoint(request, context, async ({ service }, caller) => {
    const caseId = routeParam(request, 'caseId');
    if (request.method === 'GET') {
      const language = parseLanguage(request.query.get('lang') ?? undefined);
      return jsonResponse({ memos: await service.listMemos(caller, caseId, language) });
    }
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      throw researchRefusals.invalidBody({ nb: 'innholdet er ikke JSON.', en: 'the body is not JSON.' });
    }
    return jsonResponse(await service.addMemo(caller, caseId, parseMemoBody(body)), 201);
  });
}

app.http('researchMemos', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  route: 'research/cases/{caseId}/memos',
  handler: researchMemos,
});
