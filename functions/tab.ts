/**
 * GET /api/tab — the dashboard tab's page (the manifest's static tab points here). Anonymous: the page
 * holds no data; it signs in (Teams single sign-on, or a development token outside Teams) and then reads
 * GET /api/tab/cases with that token. Served with a Content Security Policy that lets only Teams frame it.
 */
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { tabFileResponse } from './shared/tabAssets';

export async function tab(_request: HttpRequest): Promise<HttpResponseInit> {
  return tabFileResponse('index.html');
}

app.http('tab', { methods: ['GET'], authLevel: 'anonymous', route: 'tab', handler: tab });
