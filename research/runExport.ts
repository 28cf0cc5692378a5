/**
 * One export from start to finish, shared by the HTTP API and the command line: load the people
 * directory once (for pseudonyms and for the names to find in free text), project the cases' events,
 * and write them in the asked format. The bytes are produced as the caller reads them.
 */
import type { TemplateCatalog } from '../engine/templateCatalog';
import type { EventLog } from '../storage/eventLog';
import type { PeopleDirectory, Person } from '../storage/peopleDirectory';
import type { CaseToExport, ExportMeta } from './exportModel';
import { writeExport } from './exporters';
import { ExportProjection, type ExportProgress } from './projection';
import { Pseudonymiser } from './pseudonymiser';
import type { SpoolFactory } from './qdpx/spool';

export interface ExportDependencies {
  log: Pick<EventLog, 'readEvents'>;
  people: Pick<PeopleDirectory, 'listPeople'>;
  templates: TemplateCatalog;
  spools: SpoolFactory;
}

export interface PreparedExport {
  meta: ExportMeta;
  body: AsyncIterable<Uint8Array>;
  projection: ExportProjection;
}

export async function prepareExport(
  meta: ExportMeta,
  cases: readonly CaseToExport[],
  deps: ExportDependencies,
  onProgress?: (progress: ExportProgress) => void,
): Promise<PreparedExport> {
  const people: Person[] = [];
  for await (const person of deps.people.listPeople()) people.push(person);
  const pseudonymiser = new Pseudonymiser({ language: meta.language, names: meta.names, people });
  const projection = new ExportProjection(meta, cases, {
    log: deps.log,
    templates: deps.templates,
    pseudonymiser,
    ...(onProgress !== undefined && { onProgress }),
  });
  const body = writeExport(meta.format, projection.items(), projection, { spools: deps.spools });
  return { meta, body, projection };
}
