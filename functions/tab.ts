/**
 * GET /api/tab — the dashboard tab's page (the manifest's static tab points here). Anonymous: the page
 * holds no data; it signs in (Teams single sign-on, or a development token outside Teams) and then reads
 * GET /api/tab/cases with that token. Served with a Content Security Policy that lets only Teams frame it,
 * and with the municipality's written form of Norwegian (MUNICIPALITY_WRITTEN_FORM), which a Norwegian
 * locale gets on the page as in the chat.
 */
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { loadSettings } from '../config/settings';
import { tabPageResponse } from './shared/tabAssets';

export async function tab(_request: HttpRequest): Promise<HttpResponseInit> {
  return tabPageResponse(loadSettings().writtenForm);
}

app.http('tab', { methods: ['GET'], authLevel: 'anonymous', route: 'tab', handler: tab });
