/** Running an export of cases in a log into memory, for the format tests. */
import { builtInTemplates } from '../../engine';
import type { ExportFormat, ExportItem, ExportMeta } from '../../research/exportModel';
import { ExportProjection } from '../../research/projection';
import { memorySpools } from '../../research/qdpx/spool';
import { openPseudonymiser, prepareExport } from '../../research/runExport';
import type { EventLog } from '../../storage/eventLog';
import { MemoryPseudonymStore } from '../../storage/memoryPseudonymStore';
import type { PeopleDirectory } from '../../storage/peopleDirectory';
import type { PseudonymStore } from '../../storage/pseudonymStore';

export function exportMeta(format: ExportFormat, overrides: Partial<ExportMeta> = {}): ExportMeta {
  return {
    exportId: 'export-test-1',
    createdAt: '2026-12-01T10:00:00.000Z',
    format,
    language: 'nb',
    names: 'pseudonymised',
    scope: { caseIds: [] },
    generator: 'innovation-gates test',
    timeZone: 'Europe/Oslo',
    ...overrides,
  };
}

/** One pseudonym store per log, as an installation has one: pseudonyms stay put between exports. */
const stores = new WeakMap<object, PseudonymStore>();

export function pseudonymStoreOf(log: object): PseudonymStore {
  let store = stores.get(log);
  if (!store) {
    store = new MemoryPseudonymStore();
    stores.set(log, store);
  }
  return store;
}

export async function collectBytes(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function scope(log: EventLog, caseIds: string[]): Promise<{ caseId: string; toSeq: number }[]> {
  const cases = [];
  for (const caseId of caseIds) {
    const head = await log.readHead(caseId);
    if (!head) throw new Error(`no case ${caseId}`);
    cases.push({ caseId, toSeq: head.version });
  }
  return cases;
}

/** Exports the given cases (all their events) and returns the bytes. */
export async function exportCases(
  log: EventLog,
  people: PeopleDirectory,
  caseIds: string[],
  format: ExportFormat,
  overrides: Partial<ExportMeta> = {},
): Promise<Buffer> {
  const meta = exportMeta(format, { scope: { caseIds }, ...overrides });
  const prepared = await prepareExport(meta, await scope(log, caseIds), {
    log,
    people,
    pseudonyms: pseudonymStoreOf(log),
    templates: builtInTemplates(),
    spools: memorySpools,
  });
  return collectBytes(prepared.body);
}

/** The projected items of an export, as every format reads them, and the session they belong to. */
export async function projectedItems(
  log: EventLog,
  people: PeopleDirectory,
  caseIds: string[],
  overrides: Partial<ExportMeta> = {},
): Promise<{ items: ExportItem[]; session: ExportProjection }> {
  const meta = exportMeta('csv-events', { scope: { caseIds }, ...overrides });
  const pseudonymiser = await openPseudonymiser(
    { people, pseudonyms: pseudonymStoreOf(log) },
    meta.language,
    meta.names,
  );
  const session = new ExportProjection(meta, await scope(log, caseIds), {
    log,
    templates: builtInTemplates(),
    pseudonymiser,
  });
  const items: ExportItem[] = [];
  for await (const item of session.items()) items.push(item);
  return { items, session };
}
