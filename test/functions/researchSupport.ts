/**
 * The research functions on Azurite, as production wires them (runtime/research.ts), in tables of their
 * own: the real Table log, people directory and export audit, the real authenticator in development
 * mode, temporary-file spools. Handlers are called directly with `HttpRequest` / `InvocationContext`.
 */
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { TableClient } from '@azure/data-tables';
import { CaseService } from '../../application/caseService';
import { signDevToken } from '../../auth/devTokens';
import { createResearchAuthenticator } from '../../auth/researchAuthenticator';
import { parseSettings, type Settings } from '../../config/settings';
import { DashboardService } from '../../dashboard/dashboardService';
import { builtInTemplates } from '../../engine';
import { fileSpools } from '../../research/qdpx/fileSpool';
import { ResearchService } from '../../research/researchService';
import { setResearchRuntimeForTests, type ResearchRuntime } from '../../runtime/research';
import { createTableClient } from '../../runtime/tables';
import { TableExportAudit } from '../../storage/tableExportAudit';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';
import { TablePseudonymStore } from '../../storage/tablePseudonymStore';
import { uniqueTableName } from '../support/tableServices';

export const DEV_KEY = 'research-tests-development-key-0123456789';

export interface ResearchHarness {
  runtime: ResearchRuntime;
  log: TableEventLog;
  people: TablePeopleDirectory;
  audit: TableExportAudit;
  pseudonyms: TablePseudonymStore;
  cases: CaseService;
  eventsTable: TableClient;
  settings: Settings;
  /** The next id handed out; exports and memos use it. */
  ids: () => string;
}

export function researchHarness(
  connectionString: string,
  values: Record<string, string> = {},
): ResearchHarness {
  const settings = parseSettings([{ name: 'test', values: { RESEARCH_DEV_TOKEN_KEY: DEV_KEY, ...values } }]);
  const eventsTableName = uniqueTableName('rev');
  const table = (name: string) => createTableClient(connectionString, name);
  const log = new TableEventLog(table(eventsTableName), table(uniqueTableName('rdir')));
  const people = new TablePeopleDirectory(table(uniqueTableName('rpeople')));
  const audit = new TableExportAudit(table(uniqueTableName('raudit')));
  const pseudonyms = new TablePseudonymStore(table(uniqueTableName('rpseud')));
  const templates = builtInTemplates();
  const cases = new CaseService({ log, templates });
  let counter = 0;
  const ids = (): string => {
    counter += 1;
    return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  };
  const service = new ResearchService({
    log,
    people,
    pseudonyms,
    templates,
    cases,
    audit,
    spools: fileSpools(),
    settings: settings.research,
    clock: () => new Date('2026-12-01T10:00:00.000Z'),
    newId: ids,
    generator: 'innovation-gates test',
  });
  const dashboard = new DashboardService({
    log,
    people,
    pseudonyms,
    templates,
    settings: settings.research,
    clock: () => new Date('2026-12-01T10:00:00.000Z'),
  });
  const runtime: ResearchRuntime = {
    service,
    dashboard,
    authenticator: createResearchAuthenticator(settings),
    requestLimits: settings.requestLimits,
  };
  return {
    runtime,
    log,
    people,
    audit,
    pseudonyms,
    cases,
    eventsTable: TableClient.fromConnectionString(connectionString, eventsTableName, {
      allowInsecureConnection: true,
    }),
    settings,
    ids,
  };
}

export function useRuntime(harness: ResearchHarness): void {
  setResearchRuntimeForTests(harness.runtime);
}

export function researcherToken(
  oid: string,
  roles: string[] = ['Research.Read'],
  options: { issuedAt?: number; expiresInSeconds?: number; key?: string } = {},
): Promise<string> {
  return signDevToken(options.key ?? DEV_KEY, { oid, roles }, options);
}

export type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export async function call(
  handler: Handler,
  options: {
    path: string;
    token?: string;
    params?: Record<string, string>;
    method?: string;
    body?: string;
  },
): Promise<HttpResponseInit> {
  const request = new HttpRequest({
    method: options.method ?? 'GET',
    url: `http://localhost:7071/api/${options.path}`,
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
    params: options.params ?? {},
    ...(options.body !== undefined && { body: { string: options.body } }),
  });
  const context = new InvocationContext({ functionName: 'research', logHandler: () => {} });
  return handler(request, context);
}

/** The response body as bytes, reading a streamed (AsyncIterable) body to its end. */
export async function bodyBytes(response: HttpResponseInit): Promise<Buffer> {
  if (response.jsonBody !== undefined) return Buffer.from(JSON.stringify(response.jsonBody));
  const body = response.body;
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new Error('unexpected body type');
}

export function errorOf(response: HttpResponseInit): {
  code: string;
  message: { nb: string; nn: string; en: string };
} {
  return (response.jsonBody as { error: { code: string; message: { nb: string; nn: string; en: string } } })
    .error;
}

export function headerOf(response: HttpResponseInit, name: string): string | undefined {
  const headers = response.headers as Record<string, string> | undefined;
  return headers?.[name];
}
