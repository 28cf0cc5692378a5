/**
 * GET /api/tab/assets/{name} — the dashboard page's script (teams-js bundled in) and stylesheet, as
 * scripts/buildTab.ts wrote them. Only those files; any other name is 404.
 */
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { errorResponse } from './shared/authenticatedApi';
import { TAB_ASSET_FILES, tabFileResponse } from './shared/tabAssets';

export async function tabAssets(request: HttpRequest): Promise<HttpResponseInit> {
  const name = request.params['name'] ?? '';
  if (!Object.hasOwn(TAB_ASSET_FILES, name)) {
    return errorResponse(404, 'notFound', {
      nb: `Oversikten har ingen fil som heter «${name.slice(0, 80)}».`,
      nn: `Oversikta har inga fil som heiter «${name.slice(0, 80)}».`,
      en: `The dashboard has no file named "${name.slice(0, 80)}".`,
    });
  }
  return tabFileResponse(name);
}

app.http('tabAssets', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'tab/assets/{name}',
  handler: tabAssets,
});
