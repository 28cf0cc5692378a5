/**
 * Three CSV tables, each a projection of the same events:
 *
 * - events: one row per event, every kind, with its stage, round, actor, main text and chain hashes;
 * - answers: one row per documentation answer (each revision, with the stage round it was given in) and
 *   per political decision reference;
 * - cases: one row per case in the layout NVivo imports as a classification sheet: the first column is
 *   the case name (the same name the .qdpx uses), then one attribute per column.
 *
 * RFC 4180: comma-separated, CRLF line ends, fields quoted when they need it, UTF-8 with a byte-order mark
 * so spreadsheet programs read æ, ø and å correctly. Cell values are the exported values unchanged (no
 * prefixing of cells that start with "=" or "+"): a faithful projection was preferred; open the files
 * with a CSV import rather than by double-click if the text may hold formulas.
 */
import { stringify } from 'csv-stringify/sync';
import type { Language } from '../../engine/localized';
import type { CaseSummaryView, ExportItem, ExportSession, ProjectedEvent } from '../exportModel';
import { OUTCOME_NAMES, STATUS_NAMES } from '../vocabulary';

const BOM = '\uFEFF';

export type CsvCell = string | number | undefined;

function line(cells: readonly CsvCell[]): string {
  return stringify([cells.map((cell) => (cell === undefined ? '' : cell))], { record_delimiter: 'windows' });
}

export const EVENT_COLUMNS = [
  'case_id',
  'case_name',
  'seq',
  'at',
  'type',
  'stage_id',
  'stage',
  'round',
  'actor',
  'actor_roles',
  'prompt_id',
  'revision',
  'outcome',
  'to_stage_id',
  'category',
  'people',
  'text',
  'about_seq',
  'basis_hash',
  'chain_ok',
  'prev_hash',
  'hash',
] as const;

export function eventRow(event: ProjectedEvent, language: Language): CsvCell[] {
  return [
    event.caseId,
    event.caseName,
    event.seq,
    event.at,
    event.type,
    event.stageId,
    event.stageTitle,
    event.round,
    event.actor,
    event.actorRoles.join(';'),
    event.promptId,
    event.revision,
    event.outcome === undefined ? undefined : OUTCOME_NAMES[event.outcome][language],
    event.toStageId,
    event.categoryLabel ?? event.category,
    event.people?.join('; '),
    event.text,
    event.aboutSeq,
    event.basis?.hash,
    event.chainOk ? 'true' : 'false',
    event.prevHash,
    event.hash,
  ];
}

export const ANSWER_COLUMNS = [
  'case_id',
  'case_name',
  'seq',
  'at',
  'stage_id',
  'stage',
  'stage_round',
  'prompt_id',
  'prompt',
  'revision',
  'answer_type',
  'answer',
  'actor',
  'actor_roles',
] as const;

export function answerRow(event: ProjectedEvent): CsvCell[] | undefined {
  if (event.type !== 'DocumentationRecorded' && event.type !== 'PoliticalDecisionRecorded') return undefined;
  return [
    event.caseId,
    event.caseName,
    event.seq,
    event.at,
    event.stageId,
    event.stageTitle,
    event.round,
    event.promptId,
    event.prompt,
    event.revision,
    event.answerType,
    event.text,
    event.actor,
    event.actorRoles.join(';'),
  ];
}

/** The classification sheet's attributes: header in each language, value from the case summary. */
const CASE_ATTRIBUTES: {
  header: Record<Language, string>;
  value: (c: CaseSummaryView, l: Language) => CsvCell;
}[] = [
  { header: { nb: 'Sak', en: 'Case' }, value: (c) => c.caseName },
  { header: { nb: 'Sak-ID', en: 'Case ID' }, value: (c) => c.caseId },
  { header: { nb: 'Tittel', en: 'Title' }, value: (c) => c.title },
  { header: { nb: 'Enhet', en: 'Unit' }, value: (c) => c.unit },
  { header: { nb: 'Kommune', en: 'Municipality' }, value: (c) => c.municipality },
  { header: { nb: 'Prosessmal', en: 'Template' }, value: (c) => c.template.id },
  { header: { nb: 'Malversjon', en: 'Template version' }, value: (c) => c.template.version },
  { header: { nb: 'Språk', en: 'Language' }, value: (c) => c.language },
  { header: { nb: 'Status', en: 'Status' }, value: (c, l) => STATUS_NAMES[c.status][l] },
  { header: { nb: 'Nåværende steg', en: 'Current stage' }, value: (c) => c.currentStageTitle },
  { header: { nb: 'Steg nådd', en: 'Stages reached' }, value: (c) => c.stagesReached },
  { header: { nb: 'Steg godkjent', en: 'Stages passed' }, value: (c) => c.stagesPassed },
  { header: { nb: 'Åpnet', en: 'Opened' }, value: (c) => c.openedAt.slice(0, 10) },
  { header: { nb: 'Siste hendelse', en: 'Last event' }, value: (c) => c.lastEventAt.slice(0, 10) },
  { header: { nb: 'Fullført', en: 'Completed' }, value: (c) => c.completedAt?.slice(0, 10) },
  { header: { nb: 'Stoppet', en: 'Stopped' }, value: (c) => c.stoppedAt?.slice(0, 10) },
  { header: { nb: 'Dager åpen', en: 'Days open' }, value: (c) => c.daysOpen },
  { header: { nb: 'Tilbakesendinger', en: 'Send-backs' }, value: (c) => c.counts.sendBacks },
  { header: { nb: 'Pauser', en: 'Pauses' }, value: (c) => c.counts.pauses },
  { header: { nb: 'Ideer', en: 'Ideas' }, value: (c) => c.counts.ideas },
  { header: { nb: 'Barrierer', en: 'Barriers' }, value: (c) => c.counts.barriers },
  { header: { nb: 'Svar', en: 'Answers' }, value: (c) => c.counts.answers },
  { header: { nb: 'Forskernotater', en: 'Memos' }, value: (c) => c.counts.memos },
  { header: { nb: 'Hendelser', en: 'Events' }, value: (c) => c.counts.events },
  { header: { nb: 'Avledet fra', en: 'Derived from' }, value: (c) => c.derivedFrom },
  { header: { nb: 'Kjede intakt', en: 'Chain intact' }, value: (c) => (c.chain.ok ? 'true' : 'false') },
];

export function caseSheetHeader(language: Language): string[] {
  return CASE_ATTRIBUTES.map((attribute) => attribute.header[language]);
}

export function caseSheetRow(summary: CaseSummaryView, language: Language): CsvCell[] {
  return CASE_ATTRIBUTES.map((attribute) => attribute.value(summary, language));
}

export async function* csvEventsExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  yield BOM + line(EVENT_COLUMNS);
  for await (const item of items) {
    if (item.kind === 'event') yield line(eventRow(item.event, session.meta.language));
  }
}

export async function* csvAnswersExport(
  items: AsyncIterable<ExportItem>,
  _session: ExportSession,
): AsyncGenerator<string> {
  yield BOM + line(ANSWER_COLUMNS);
  for await (const item of items) {
    if (item.kind !== 'event') continue;
    const row = answerRow(item.event);
    if (row) yield line(row);
  }
}

export async function* csvCasesExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  const language = session.meta.language;
  yield BOM + line(caseSheetHeader(language));
  for await (const item of items) {
    if (item.kind === 'caseEnd') yield line(caseSheetRow(item.summary, language));
  }
}
