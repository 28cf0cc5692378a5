/** Running an export of cases in a log into memory, for the format tests. */
import { builtInTemplates } from '../../engine';
import type { ExportFormat, ExportMeta } from '../../research/exportModel';
import { memorySpools } from '../../research/qdpx/spool';
import { prepareExport } from '../../research/runExport';
import type { EventLog } from '../../storage/eventLog';
import type { PeopleDirectory } from '../../storage/peopleDirectory';

export function exportMeta(format: ExportFormat, overrides: Partial<ExportMeta> = {}): ExportMeta {
  return {
    exportId: 'export-test-1',
    createdAt: '2026-12-01T10:00:00.000Z',
    format,
    language: 'nb',
    names: 'pseudonymised',
    scope: { caseIds: [] },
    generator: 'innovation-gates test',
    ...overrides,
  };
}

export async function collectBytes(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Exports the given cases (all their events) and returns the bytes. */
export async function exportCases(
  log: EventLog,
  people: PeopleDirectory,
  caseIds: string[],
  format: ExportFormat,
  overrides: Partial<ExportMeta> = {},
): Promise<Buffer> {
  const cases = [];
  for (const caseId of caseIds) {
    const head = await log.readHead(caseId);
    if (!head) throw new Error(`no case ${caseId}`);
    cases.push({ caseId, toSeq: head.version });
  }
  const meta = exportMeta(format, { scope: { caseIds }, ...overrides });
  const prepared = await prepareExport(meta, cases, {
    log,
    people,
    templates: builtInTemplates(),
    spools: memorySpools,
  });
  return collectBytes(prepared.body);
}
