/**
 * One export from start to finish, shared by the HTTP API and the command line: load the people
 * directory and the pseudonym book once (for pseudonyms and for the names to find in free text), project
 * the cases' events, and write them in the asked format. The bytes are produced as the caller reads them.
 */
import type { TemplateCatalog } from '../engine/templateCatalog';
import type { EventLog } from '../storage/eventLog';
import type { PeopleDirectory, Person } from '../storage/peopleDirectory';
import type { PseudonymStore } from '../storage/pseudonymStore';
import type { CaseToExport, ExportMeta } from './exportModel';
import { writeExport } from './exporters';
import { ExportProjection, type ExportProgress } from './projection';
import { PseudonymBook } from './pseudonymBook';
import { Pseudonymiser, type NamesMode } from './pseudonymiser';
import type { SpoolFactory } from './qdpx/spool';
import type { Language } from '../engine/localized';

export interface ExportDependencies {
  log: Pick<EventLog, 'readEvents' | 'readHead'>;
  people: Pick<PeopleDirectory, 'listPeople'>;
  pseudonyms: PseudonymStore;
  templates: TemplateCatalog;
  spools: SpoolFactory;
}

export interface PreparedExport {
  meta: ExportMeta;
  body: AsyncIterable<Uint8Array>;
  projection: ExportProjection;
}

/**
 * The pseudonymiser every research route uses: the whole directory (for names in free text) and the
 * installation's pseudonym book, with everyone in it and in `personIds` numbered.
 */
export async function openPseudonymiser(
  deps: Pick<ExportDependencies, 'people' | 'pseudonyms'>,
  language: Language,
  names: NamesMode,
  personIds: Iterable<string> = [],
): Promise<Pseudonymiser> {
  const people: Person[] = [];
  for await (const person of deps.people.listPeople()) people.push(person);
  const book = await PseudonymBook.open(deps.pseudonyms);
  return Pseudonymiser.create({ language, names, people, book }, personIds);
}

export async function prepareExport(
  meta: ExportMeta,
  cases: readonly CaseToExport[],
  deps: ExportDependencies,
  onProgress?: (progress: ExportProgress) => void,
): Promise<PreparedExport> {
  const pseudonymiser = await openPseudonymiser(deps, meta.language, meta.names);
  const projection = new ExportProjection(meta, cases, {
    log: deps.log,
    templates: deps.templates,
    pseudonymiser,
    ...(onProgress !== undefined && { onProgress }),
  });
  const body = writeExport(meta.format, projection.items(), projection, { spools: deps.spools });
  return { meta, body, projection };
}
