/**
 * The CSV tables parse back to exactly the rows the export computed from the log, whatever the text
 * holds (quotes, commas, line breaks, semicolons); answers carry revision and stage round; the case sheet
 * is one row per case, case name first, in the layout NVivo imports as a classification sheet.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../engine/localized';
import {
  ANSWER_COLUMNS,
  answerRow,
  caseSheetHeader,
  caseSheetRow,
  csvLine,
  EVENT_COLUMNS,
  eventRow,
  neutraliseCell,
  type CsvCell,
} from '../../research/formats/csvFormats';
import type { ExportItem } from '../../research/exportModel';
import type { ExportProjection } from '../../research/projection';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { CaseSpecification, openCommand } from '../engine/caseSpecification';
import { people, storeEvents, storeExampleCase } from './exampleCase';
import { exportCases, projectedItems as project } from './exportSupport';

const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
const TRICKY = 'Sitat: "vi prøver", sa hun; deretter,\nny linje\r\nog =SUM(A1:A2) og \'apostrof\' og æøå 🚀';
/** A line break without comma or quote: the case csv-stringify's CRLF setting alone left unquoted. */
const PLAIN_LINES = 'Første linje\nandre linje uten skilletegn\rtredje';
const FORMULA = '=HYPERLINK("https://example.invalid","klikk")';

async function projectedItems(
  caseIds: string[],
  language: Language = 'nb',
): Promise<{ items: ExportItem[]; session: ExportProjection }> {
  return project(log, directory, caseIds, { language });
}

/** Cells as a CSV reader gives them back: text (neutralised as written), empty for absent values. */
function asRead(cells: readonly CsvCell[]): string[] {
  return cells.map((cell) => String(neutraliseCell(cell)));
}

function read(csv: Buffer): string[][] {
  return parse(csv, { bom: true, relax_column_count: false }) as string[][];
}

beforeAll(async () => {
  await storeExampleCase(log, directory, 'case-a');
  const spec = new CaseSpecification().after(60 * 24 * 90);
  spec.given(people.olga, openCommand({ caseId: 'case-tricky', title: 'Sak, med "anførsler"' }));
  spec.given(people.olga, {
    type: 'RecordDocumentation',
    stageId: 'define-challenge',
    answers: [{ promptId: 'challenge', answer: { type: 'text', text: TRICKY } }],
  });
  spec.given(people.olga, { type: 'RecordIdea', ideaId: 'i1', text: TRICKY });
  spec.given(people.olga, { type: 'RecordIdea', ideaId: 'i2', text: PLAIN_LINES });
  spec.given(people.olga, { type: 'RecordBarrier', barrierId: 'b1', text: FORMULA, category: 'finances' });
  spec.given(people.olga, {
    type: 'RecordBarrier',
    barrierId: 'b2',
    text: '-5 grader og @alle',
    category: 'other',
  });
  await storeEvents(log, 'case-tricky', spec.events);
});

describe('CSV export', () => {
  it('events: parses back to the same rows, one per event', async () => {
    const { items } = await projectedItems(['case-a', 'case-tricky']);
    const expected = items.flatMap((item) =>
      item.kind === 'event' ? [asRead(eventRow(item.event, 'nb', 'Europe/Oslo'))] : [],
    );
    const rows = read(await exportCases(log, directory, ['case-a', 'case-tricky'], 'csv-events'));
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    expect(rows.slice(1)).toEqual(expected);
    const head = await log.readHead('case-a');
    expect(rows.slice(1).filter((row) => row[0] === 'case-a')).toHaveLength(head?.version ?? -1);
  });

  it('keeps text with quotes, commas and line breaks exactly, and neutralises formulas', async () => {
    const csv = await exportCases(log, directory, ['case-tricky'], 'csv-events');
    const rows = read(csv);
    const text = EVENT_COLUMNS.indexOf('text');
    // The engine stores line breaks as \n (it normalises \r\n and \r on the way in); the rest is kept.
    expect(rows.filter((row) => row[text] === TRICKY.replace(/\r\n?/g, '\n'))).toHaveLength(2);
    expect(rows.filter((row) => row[text] === PLAIN_LINES.replace(/\r\n?/g, '\n'))).toHaveLength(1);
    expect(rows.every((row) => row.length === EVENT_COLUMNS.length)).toBe(true);
    expect(rows.map((row) => row[EVENT_COLUMNS.indexOf('type')]).slice(1)).toEqual(
      rows.slice(1).map(() => expect.stringMatching(/^[A-Z][A-Za-z]+$/)),
    );
    expect(rows.filter((row) => row[text] === `'${FORMULA}`)).toHaveLength(1);
    expect(rows.filter((row) => row[text] === "'-5 grader og @alle")).toHaveLength(1);
    expect(csv.toString()).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(rows[1]?.[EVENT_COLUMNS.indexOf('case_name')]).toBe('Sak, med "anførsler" (case-tricky)');
  });

  it('neutralises text that a spreadsheet would run, and leaves numbers alone', () => {
    expect(['=1+1', '+47 99', '-x', '@SUM(A1)', '\tx', '\rx', 'a=b'].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+47 99",
      "'-x",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'a=b',
    ]);
    expect(neutraliseCell(-5)).toBe(-5);
  });

  it('answers: one row per answer revision, with its stage round', async () => {
    const { items } = await projectedItems(['case-a']);
    const expected = items.flatMap((item) => {
      if (item.kind !== 'event') return [];
      const row = answerRow(item.event, 'Europe/Oslo');
      return row ? [asRead(row)] : [];
    });
    const rows = read(await exportCases(log, directory, ['case-a'], 'csv-answers'));
    expect(rows[0]).toEqual([...ANSWER_COLUMNS]);
    expect(rows.slice(1)).toEqual(expected);

    const column = (name: (typeof ANSWER_COLUMNS)[number]) => ANSWER_COLUMNS.indexOf(name);
    const challenge = rows.filter((row) => row[column('prompt_id')] === 'challenge');
    expect(challenge.map((row) => [row[column('stage_round')], row[column('revision')]])).toEqual([
      ['1', '1'],
      ['2', '2'],
    ]);
    const political = rows.filter((row) => row[column('answer_type')] === 'politicalDecision');
    expect(political).toHaveLength(3);
    expect(political[0]?.[column('answer')]).toContain('Kommunestyret, 2026-03-12, saksnr. 2026/0417');
    // Round two of political anchoring: the same decision, with why it still stands, names pseudonymised.
    expect(political[1]?.[column('answer')]).toContain('(gjelder fortsatt: Tallene fra Deltaker');
    expect(political[1]?.[column('answer')]).not.toContain('Mats Olsen');
  });

  it('case sheet: one row per case, case name first, one attribute a column', async () => {
    const csv = await exportCases(log, directory, ['case-a', 'case-tricky'], 'csv-cases', { language: 'en' });
    const rows = read(csv);
    const { items, session } = await projectedItems(['case-a', 'case-tricky'], 'en');
    expect(rows[0]).toEqual(caseSheetHeader(session));
    expect(rows[0]?.[0]).toBe('Case');
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((row) => row[0])).toEqual([
      'Hverdagsrehabilitering i hjemmetjenesten (case-a)',
      'Sak, med "anførsler" (case-tricky)',
    ]);
    const summaries = items.flatMap((item) => (item.kind === 'caseEnd' ? [item.summary] : []));
    expect(rows.slice(1)).toEqual(summaries.map((summary) => asRead(caseSheetRow(summary, session))));
    const byHeader = Object.fromEntries((rows[0] ?? []).map((header, index) => [header, rows[1]?.[index]]));
    expect(byHeader).toMatchObject({
      Status: 'completed',
      'Stages reached': '6',
      'Stages passed': '6',
      'Send-backs': '1',
      Pauses: '1',
      Ideas: '2',
      Barriers: '2',
      'Research memos': '2',
      Opened: '2026-01-05',
      'Chain intact': 'true',
    });
  });

  it('starts every file with a byte-order mark and ends lines with CRLF', async () => {
    const csv = await exportCases(log, directory, ['case-a'], 'csv-cases');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString().endsWith('\r\n')).toBe(true);
  });
});

describe('csvLine', () => {
  it('writes rows exactly as csv-stringify does with the options it replaced', () => {
    const pieces = [
      '',
      'a',
      ' ',
      '"',
      ',',
      '\r',
      '\n',
      '\r\n',
      '=',
      '+',
      '-',
      '@',
      '\t',
      "'",
      'æø',
      '🚀',
      ';',
      'x',
    ];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const cell = (): CsvCell => {
      const kind = random();
      if (kind < 0.1) return undefined;
      if (kind < 0.25) return [0, -1, 3.5, -0.25, 1e21, 12_345][Math.floor(random() * 6)];
      const length = Math.floor(random() * 6);
      return Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    };
    for (let row = 0; row < 2_000; row += 1) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 6) }, cell);
      const reference = stringify([cells.map(neutraliseCell)], {
        record_delimiter: 'windows',
        quoted_match: /[\r\n]/,
      });
      expect(csvLine(cells), JSON.stringify(cells)).toBe(reference);
    }
  });
});
