/**
 * GET /api/research/cases/{caseId}/log — one case's whole documented log, streamed. JSON by default;
 * `format` takes any export format (jsonl, csv-events, csv-answers, csv-cases, markdown, qdpx), `lang`
 * nb, nn or en, `names=real` for callers allowed real names. Recorded in the export audit like any export.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseExportRequest } from '../research/researchRequests';
import { downloadResponse, authenticatedEndpoint, routeParam } from './shared/authenticatedApi';

export async function researchCaseLog(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ service, defaultLanguage }, caller) => {
    const parsed = parseExportRequest(request.query, 'json', defaultLanguage);
    const started = await service.startExport(caller, {
      ...parsed,
      caseIds: [routeParam(request, 'caseId')],
    });
    context.log(`researchCaseLog: export ${started.meta.exportId} (${started.meta.format}) started`);
    return downloadResponse({ ...started, exportId: started.meta.exportId });
  });
}

app.http('researchCaseLog', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'research/cases/{caseId}/log',
  handler: researchCaseLog,
});
