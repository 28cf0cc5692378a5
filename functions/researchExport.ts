/**
 * GET /api/research/export — a multi-case export, streamed: `format` (json, jsonl, csv-events,
 * csv-answers, csv-cases, markdown, qdpx), `lang`, `names`, and either `cases=id1,id2` or the filters of
 * the case list (status, template, unit, from, to) over the cases the caller may read. Refused with 400
 * when it exceeds one request's limits (RESEARCH_MAX_EXPORT_CASES / _EVENTS); the CLI has none.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { parseExportRequest } from '../research/researchRequests';
import { downloadResponse, authenticatedEndpoint } from './shared/authenticatedApi';

export async function researchExport(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  return authenticatedEndpoint(request, context, async ({ service, defaultLanguage }, caller) => {
    const started = await service.startExport(
      caller,
      parseExportRequest(request.query, 'json', defaultLanguage),
    );
    context.log(
      `researchExport: export ${started.meta.exportId} (${started.meta.format}, ${started.meta.scope.caseIds.length} cases) started`,
    );
    return downloadResponse({ ...started, exportId: started.meta.exportId });
  });
}

app.http('researchExport', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'research/export',
  handler: researchExport,
});
