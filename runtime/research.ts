/**
 * The composition root of the HTTP APIs beside the bot (research, and the dashboard tab's reads): their
 * services and the token authenticator, built from
 * settings once per process, on first use. It deliberately does not go through runtime/bot.ts, whose
 * imports load botbuilder (about 220 ms): a researcher's request should not pay for the bot.
 *
 * Tests put their own runtime in place with `setResearchRuntimeForTests` and remove it with `undefined`.
 */
import { randomUUID } from 'node:crypto';
import { CaseService } from '../application/caseService';
import { createResearchAuthenticator, type ResearchAuthenticator } from '../auth/researchAuthenticator';
import { loadSettings, type RequestLimits, type Settings, type WrittenForm } from '../config/settings';
import { DashboardService } from '../dashboard/dashboardService';
import { appVersion } from '../config/version';
import { builtInTemplates } from '../engine';
import { fileSpools } from '../research/qdpx/fileSpool';
import { ResearchService } from '../research/researchService';
import { DEFAULT_EXPORT_AUDIT_TABLE, TableExportAudit } from '../storage/tableExportAudit';
import { DEFAULT_DIRECTORY_TABLE, DEFAULT_EVENTS_TABLE, TableEventLog } from '../storage/tableEventLog';
import { DEFAULT_PEOPLE_TABLE, TablePeopleDirectory } from '../storage/tablePeopleDirectory';
import { DEFAULT_PSEUDONYMS_TABLE, TablePseudonymStore } from '../storage/tablePseudonymStore';
import { createTableClient, tableName } from './tables';

export interface ResearchRuntime {
  service: ResearchService;
  /** The dashboard tab's reads (research/ and dashboard/ share storage and sign-in). */
  dashboard: DashboardService;
  authenticator: ResearchAuthenticator;
  /** How large a POST body may be (`apiMaxBodyBytes`); checked before and while it is read. */
  requestLimits: RequestLimits;
  /**
   * The language of a read or export that names none (`lang`): the municipality's written form of
   * Norwegian (MUNICIPALITY_WRITTEN_FORM), the form its cases are documented in. Bokmål when absent.
   */
  defaultLanguage?: WrittenForm;
}

/** The tables research reads and writes, on one storage account (the bot's, or a researcher's copy). */
export interface ResearchStorage {
  log: TableEventLog;
  people: TablePeopleDirectory;
  audit: TableExportAudit;
  /** The pseudonym secret and numbers: a copy of the account keeps them, so pseudonyms stay the same. */
  pseudonyms: TablePseudonymStore;
}

export function createResearchStorage(
  connectionString: string,
  options: { tablePrefix?: string; azuriteTablePort?: number } = {},
): ResearchStorage {
  const client = (base: string) =>
    createTableClient(connectionString, tableName(options.tablePrefix ?? '', base), {
      ...(options.azuriteTablePort !== undefined && { azuriteTablePort: options.azuriteTablePort }),
    });
  return {
    log: new TableEventLog(client(DEFAULT_EVENTS_TABLE), client(DEFAULT_DIRECTORY_TABLE)),
    people: new TablePeopleDirectory(client(DEFAULT_PEOPLE_TABLE)),
    audit: new TableExportAudit(client(DEFAULT_EXPORT_AUDIT_TABLE)),
    pseudonyms: new TablePseudonymStore(client(DEFAULT_PSEUDONYMS_TABLE)),
  };
}

/** The service on the Table Storage account the settings name (the same tables the bot writes). */
export function createResearchRuntime(settings: Settings): ResearchRuntime {
  const storage = createResearchStorage(settings.tablesConnectionString, {
    tablePrefix: settings.tablePrefix,
    // Locally `UseDevelopmentStorage=true` means the Azurite that `npm start` runs, on its own port.
    ...(!settings.isRunningInAzure && { azuriteTablePort: settings.azuriteTablePort }),
  });
  const templates = builtInTemplates();
  const service = new ResearchService({
    ...storage,
    templates,
    cases: new CaseService({ log: storage.log, templates }),
    spools: fileSpools(),
    settings: settings.research,
    clock: () => new Date(),
    newId: () => randomUUID(),
    generator: `innovation-gates ${appVersion()}`,
  });
  const dashboard = new DashboardService({
    log: storage.log,
    people: storage.people,
    pseudonyms: storage.pseudonyms,
    templates,
    settings: settings.research,
    clock: () => new Date(),
  });
  return {
    service,
    dashboard,
    authenticator: createResearchAuthenticator(settings),
    requestLimits: settings.requestLimits,
    defaultLanguage: settings.writtenForm,
  };
}

let built: ResearchRuntime | undefined;
let forTests: ResearchRuntime | undefined;

/** The process's research runtime, built on first use; invalid settings throw every time until fixed. */
export function getResearchRuntime(): ResearchRuntime {
  if (forTests) return forTests;
  built ??= createResearchRuntime(loadSettings());
  return built;
}

export function setResearchRuntimeForTests(runtime: ResearchRuntime | undefined): void {
  forTests = runtime;
}
