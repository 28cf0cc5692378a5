/**
 * Four CSV tables, each a projection of the same events:
 *
 * - events: one row per event, every kind, with its stage, round, actor, main text and chain hashes; for
 *   an idea or a barrier, how it was recorded (`recorded_via`: `message`, kept from a Teams message, or
 *   `chat`, typed to the bot) and, for a message, who wrote it (as the export names people) and when;
 * - answers: one row per documentation answer (each revision, with the stage round it was given in) and
 *   per political decision reference;
 * - cases: one row per case in the layout NVivo imports as a classification sheet: the first column is
 *   the case name (the same name the .qdpx uses), then one attribute per column (research/caseAttributes.ts,
 *   the same attributes and values as the .qdpx Case variables and the Markdown key figures);
 * - anchoring: what changed between the anchoring and the re-anchoring, one row per aspect per case.
 *
 * RFC 4180: comma-separated, CRLF line ends, UTF-8 with a byte-order mark so spreadsheet programs read
 * æ, ø and å correctly. Every field holding a line break (CR or LF, alone or together), the delimiter or
 * a quote is quoted, so a strict parser reads back exactly the rows written. Text cells that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage return) get an apostrophe in
 * front, as spreadsheet-safe exporters do (OWASP "CSV injection"); the export notice says so. Numbers
 * are written as numbers and never changed.
 */
import type { Language } from '../../engine/localized';
import { attributeText, caseAttributes } from '../caseAttributes';
import type { CaseSummaryView, ExportItem, ExportSession, ProjectedEvent } from '../exportModel';
import { localIso } from '../localTime';
import { OUTCOME_NAMES } from '../vocabulary';

const BOM = '\uFEFF';

export type CsvCell = string | number | undefined;

/** Starts a spreadsheet would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as written: text that looks like a formula is prefixed with an apostrophe. */
export function neutraliseCell(cell: CsvCell): string | number {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** What makes a field quoted: the delimiter, a quote, or a line break (CR or LF, alone or together). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV row with its CRLF. Written here rather than by csv-stringify, whose per-call option handling
 * cost more than the rest of an event's row; a test holds the two equal (csv-stringify with
 * `record_delimiter: 'windows'` and `quoted_match: /[\r\n]/`, which also quotes a lone LF or CR).
 */
export function csvLine(cells: readonly CsvCell[]): string {
  let line = '';
  for (let index = 0; index < cells.length; index += 1) {
    const cell = neutraliseCell(cells[index]);
    const text = typeof cell === 'number' ? String(cell) : cell;
    if (index > 0) line += ',';
    line += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return `${line}\r\n`;
}

export const EVENT_COLUMNS = [
  'case_id',
  'case_name',
  'seq',
  'at',
  'at_local',
  'type',
  'process',
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
  'recorded_via',
  'message_written_by',
  'message_written_at',
  'message_written_at_local',
  'people',
  'text',
  'withheld',
  'about_seq',
  'basis_hash',
  'chain_ok',
  'chain_problem',
  'prev_hash',
  'hash',
] as const;

export function eventRow(event: ProjectedEvent, language: Language, timeZone: string): CsvCell[] {
  return [
    event.caseId,
    event.caseName,
    event.seq,
    event.at,
    localIso(event.at, timeZone),
    event.type,
    event.process ? 'true' : 'false',
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
    event.recordedVia,
    event.writtenBy,
    event.writtenAt,
    event.writtenAt === undefined ? undefined : localIso(event.writtenAt, timeZone),
    (event.approvers ?? event.people)?.join('; '),
    event.text,
    event.withheld === true ? 'true' : 'false',
    event.aboutSeq,
    event.basis?.hash,
    event.chainOk ? 'true' : 'false',
    event.chainProblem?.detail,
    event.prevHash,
    event.hash,
  ];
}

export const ANSWER_COLUMNS = [
  'case_id',
  'case_name',
  'seq',
  'at',
  'at_local',
  'stage_id',
  'stage',
  'stage_round',
  'prompt_id',
  'prompt',
  'revision',
  'answer_type',
  'answer',
  'withheld',
  'actor',
  'actor_roles',
] as const;

export function answerRow(event: ProjectedEvent, timeZone: string): CsvCell[] | undefined {
  if (event.type !== 'DocumentationRecorded' && event.type !== 'PoliticalDecisionRecorded') return undefined;
  return [
    event.caseId,
    event.caseName,
    event.seq,
    event.at,
    localIso(event.at, timeZone),
    event.stageId,
    event.stageTitle,
    event.round,
    event.promptId,
    event.prompt,
    event.revision,
    event.answerType,
    event.text,
    event.withheld === true ? 'true' : 'false',
    event.actor,
    event.actorRoles.join(';'),
  ];
}

const CASE_NAME_HEADER: Record<Language, string> = { nb: 'Sak', nn: 'Sak', en: 'Case' };

export function caseSheetHeader(session: ExportSession): string[] {
  const { language, timeZone } = session.meta;
  return [
    CASE_NAME_HEADER[language],
    ...caseAttributes(session.templateLabels(), language, timeZone).map((a) => a.name),
  ];
}

export function caseSheetRow(summary: CaseSummaryView, session: ExportSession): CsvCell[] {
  const { language, timeZone } = session.meta;
  return [
    summary.caseName,
    ...caseAttributes(session.templateLabels(), language, timeZone).map((a) => {
      const value = a.value(summary);
      return typeof value === 'number' ? value : attributeText(value);
    }),
  ];
}

export const ANCHORING_COLUMNS = [
  'case_id',
  'case_name',
  'aspect',
  'label',
  'first_stage',
  'first',
  'second_stage',
  'second',
  'changed',
] as const;

export function anchoringRows(summary: CaseSummaryView): CsvCell[][] {
  const comparison = summary.anchoring;
  if (comparison === undefined) return [];
  return comparison.rows.map((row) => [
    summary.caseId,
    summary.caseName,
    row.aspect,
    row.label,
    comparison.first.stageTitle,
    row.first,
    comparison.second.stageTitle,
    row.second,
    row.changed ? 'true' : 'false',
  ]);
}

export async function* csvEventsExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  const { language, timeZone } = session.meta;
  yield BOM + csvLine(EVENT_COLUMNS);
  for await (const item of items) {
    if (item.kind === 'event') yield csvLine(eventRow(item.event, language, timeZone));
  }
}

export async function* csvAnswersExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  yield BOM + csvLine(ANSWER_COLUMNS);
  for await (const item of items) {
    if (item.kind !== 'event') continue;
    const row = answerRow(item.event, session.meta.timeZone);
    if (row) yield csvLine(row);
  }
}

/**
 * The case sheet's columns depend on the templates the cases follow (a duration per stage), which are
 * known once the cases are read: the rows (one per case) wait for the header.
 */
export async function* csvCasesExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  const summaries: CaseSummaryView[] = [];
  for await (const item of items) if (item.kind === 'caseEnd') summaries.push(item.summary);
  yield BOM + csvLine(caseSheetHeader(session));
  for (const summary of summaries) yield csvLine(caseSheetRow(summary, session));
}

export async function* csvAnchoringExport(
  items: AsyncIterable<ExportItem>,
  session: ExportSession,
): AsyncGenerator<string> {
  await session.prepare();
  yield BOM + csvLine(ANCHORING_COLUMNS);
  for await (const item of items) {
    if (item.kind !== 'caseEnd') continue;
    for (const row of anchoringRows(item.summary)) yield csvLine(row);
  }
}
