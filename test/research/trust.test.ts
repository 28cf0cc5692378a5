/**
 * The acceptance test: one example case with everything a researcher met (inflected names,
 * e-mail addresses, multi-line answers, a memo a year later, a declined consent), exported in every
 * format and language, checked the way the researcher checked them with independent tools.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../application/caseService';
import { builtInTemplates } from '../../engine';
import { LANGUAGES, type Language } from '../../engine/localized';
import { DashboardService } from '../../dashboard/dashboardService';
import { EXPORT_FORMATS, type ExportFormat } from '../../research/exportModel';
import {
  ANCHORING_COLUMNS,
  anchoringRows,
  ANSWER_COLUMNS,
  answerRow,
  caseSheetHeader,
  caseSheetRow,
  EVENT_COLUMNS,
  eventRow,
  neutraliseCell,
  type CsvCell,
} from '../../research/formats/csvFormats';
import { fold } from '../../research/nameMatcher';
import { memorySpools } from '../../research/qdpx/spool';
import { sourceGuid } from '../../research/qdpx/qdpxFormat';
import { ResearchService } from '../../research/researchService';
import { decisionKindOf } from '../../research/vocabulary';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryExportAudit } from '../../storage/memoryExportAudit';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import { exportCases, projectedItems, pseudonymStoreOf } from './exportSupport';
import { forbiddenForms, maritsWords, storeTrustCase, trustPeople } from './trustCase';
import { elements, unzip } from './zipReading';

const schemaPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'schemas', 'refi-qda', 'Project.xsd');
const log = new MemoryEventLog();
const directory = new MemoryPeopleDirectory();
const exported = new Map<string, string>();
/** What stands in place of the declined participant's words, in each language. */
const WITHHELD: Record<Language, string> = {
  nb: 'holdt tilbake: ikke samtykke til forskning',
  nn: 'halden tilbake: ikkje samtykke til forsking',
  en: 'withheld: no research consent',
};

async function text(format: ExportFormat, language: Language): Promise<string> {
  const bytes = await exportCases(log, directory, ['case-trust'], format, { language });
  if (format !== 'qdpx') return bytes.toString('utf8');
  return [...(await unzip(bytes)).values()].map((entry) => entry.toString('utf8')).join('\n');
}

beforeAll(async () => {
  await storeTrustCase(log, directory, 'case-trust');
  for (const format of EXPORT_FORMATS) {
    for (const language of LANGUAGES) exported.set(`${format}/${language}`, await text(format, language));
  }
});

describe('every byte of every format, in every language', () => {
  const { identifiers, nameWords } = forbiddenForms();

  it.each(EXPORT_FORMATS.map((format) => [format]))('%s holds no identifier of any participant', (format) => {
    for (const language of LANGUAGES) {
      const body = exported.get(`${format}/${language}`) ?? '';
      expect(body.length).toBeGreaterThan(100);
      for (const id of identifiers)
        expect(body.toLowerCase(), `${format}/${language}: ${id}`).not.toContain(id.toLowerCase());
    }
  });

  it.each(EXPORT_FORMATS.map((format) => [format]))(
    "%s holds no form of any participant's name",
    (format) => {
      for (const language of LANGUAGES) {
        const body = exported.get(`${format}/${language}`) ?? '';
        for (const word of nameWords) {
          // The name as written, in the genitive, and without æøå; capitalised (a lower-case "per" is a word).
          for (const form of new Set([word, fold(word).replace(/^./, (c) => c.toUpperCase())])) {
            const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${form}(?:s|'s|’s|'|’)?(?![\\p{L}\\p{N}])`, 'u');
            expect(body, `${format}/${language}: "${form}"`).not.toMatch(pattern);
          }
        }
      }
    },
  );

  it.each(EXPORT_FORMATS.map((format) => [format]))(
    '%s withholds the words of the participant who declined',
    (format) => {
      for (const language of LANGUAGES) {
        const body = exported.get(`${format}/${language}`) ?? '';
        for (const words of Object.values(maritsWords)) {
          for (const line of words.split('\n')) expect(body).not.toContain(line.replace(/"/g, '""'));
        }
        if (format !== 'csv-cases' && format !== 'csv-anchoring') {
          expect(body).toContain(WITHHELD[language]);
        }
      }
    },
  );

  it('says in every header what was pseudonymised, how, and whose text is withheld', () => {
    for (const format of ['json', 'jsonl', 'markdown', 'qdpx'] as const) {
      const body = exported.get(`${format}/nb`) ?? '';
      expect(body, format).toContain('HMAC-SHA-256');
      expect(body, format).toMatch(/Samtykke: Deltaker \d+ har reservert seg mot forskningsbruk/);
      expect(exported.get(`${format}/nn`), format).toContain('HMAC-SHA-256');
      expect(exported.get(`${format}/nn`), format).toMatch(
        /Samtykke: Deltakar \d+ har reservert seg mot forskingsbruk/,
      );
      expect(exported.get(`${format}/en`), format).toMatch(/Consent: Participant \d+ declined research use/);
    }
  });
});

describe('CSV files parse back with a strict parser to the rows that went in', () => {
  const strict = (csv: string): string[][] =>
    parse(csv, { bom: true, relax_column_count: false, relax_quotes: false }) as string[][];
  const asRead = (cells: readonly CsvCell[]): string[] => cells.map((cell) => String(neutraliseCell(cell)));

  it('events, answers, cases and the anchoring comparison', async () => {
    const { items, session } = await projectedItems(log, directory, ['case-trust']);
    const events = items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
    const summaries = items.flatMap((item) => (item.kind === 'caseEnd' ? [item.summary] : []));
    const zone = 'Europe/Oslo';
    expect(strict(exported.get('csv-events/nb') ?? '')).toEqual([
      [...EVENT_COLUMNS],
      ...events.map((e) => asRead(eventRow(e, 'nb', zone))),
    ]);
    expect(strict(exported.get('csv-answers/nb') ?? '')).toEqual([
      [...ANSWER_COLUMNS],
      ...events.flatMap((e) => {
        const row = answerRow(e, zone);
        return row ? [asRead(row)] : [];
      }),
    ]);
    expect(strict(exported.get('csv-cases/nb') ?? '')).toEqual([
      caseSheetHeader(session),
      ...summaries.map((s) => asRead(caseSheetRow(s, session))),
    ]);
    const anchoring = strict(exported.get('csv-anchoring/nb') ?? '');
    expect(anchoring).toEqual([
      [...ANCHORING_COLUMNS],
      ...summaries.flatMap((s) => anchoringRows(s).map(asRead)),
    ]);
    // The multi-line answers really are there, on one row each.
    const textColumn = EVENT_COLUMNS.indexOf('text');
    expect(strict(exported.get('csv-events/nb') ?? '').some((row) => row[textColumn]?.includes('\n'))).toBe(
      true,
    );
  });

  it('shows the two political decisions side by side, and what was documented in between', () => {
    const rows = parse(exported.get('csv-anchoring/en') ?? '', { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const byAspect = Object.fromEntries(rows.map((row) => [row['aspect'], row]));
    expect(byAspect['body']).toMatchObject({
      first: 'Helse- og omsorgsutvalget',
      second: 'Kommunestyret',
      changed: 'true',
    });
    expect(byAspect['meetingDate']).toMatchObject({
      first: '2026-03-12',
      second: '2026-06-18',
      changed: 'true',
    });
    expect(byAspect['caseNumber']).toMatchObject({ first: '2026/0417', second: '2026/0933' });
    expect(byAspect['mandate']?.['first']).toBe('Prøve ut kveldsteam i sone nord i ett år.');
    expect(byAspect['mandate']?.['second']).toContain('varig drift');
    expect(byAspect['budget']).toMatchObject({ first: '1500000', second: '2400000', changed: 'true' });
    expect(byAspect['answer:participants']?.['second']).toContain('fem verksteder');
    expect(exported.get('markdown/en')).toContain('### What changed between anchoring and re-anchoring');
  });
});

describe('the .qdpx', () => {
  it('validates against the REFI-QDA schema and codes every decision event in exactly one source', async () => {
    const entries = await unzip(await exportCases(log, directory, ['case-trust'], 'qdpx'));
    const qde = entries.get('project.qde')?.toString('utf8') ?? '';
    const { validateXML } = await import('xmllint-wasm');
    const result = await validateXML({
      xml: [{ fileName: 'project.qde', contents: qde }],
      schema: [{ fileName: 'Project.xsd', contents: readFileSync(schemaPath, 'utf8') }],
    });
    expect(result.errors).toEqual([]);
    const { items } = await projectedItems(log, directory, ['case-trust']);
    const decisions = items.flatMap((item) =>
      item.kind === 'event' && decisionKindOf(item.event.type, item.event.outcome) !== undefined
        ? [item.event]
        : [],
    );
    expect(decisions.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'GateApprovalGiven',
        'GatePassed',
        'GateSentBack',
        'CasePaused',
        'CaseResumed',
      ]),
    );
    const sources = elements(qde, 'TextSource');
    for (const event of decisions) {
      const own = sources.filter((s) => s.attributes['guid'] === sourceGuid('case-trust', event.seq));
      expect(own, `${event.type} #${event.seq}`).toHaveLength(1);
    }
    // The approver of a gate, by pseudonym and role.
    expect(qde + [...entries.values()].join('')).toMatch(/Godkjent av: Deltaker \d+ \(leder\)/);
  });
});

describe('pseudonyms are one per person, everywhere', () => {
  it('across two different exports, the memos route and the dashboard', async () => {
    const json = JSON.parse(exported.get('json/nb') ?? '') as {
      cases: { events: { seq: number; type: string; actor: string }[] }[];
    };
    const memoActor = json.cases[0]?.events.find((e) => e.type === 'MemoRecorded')?.actor;
    const rows = parse(exported.get('csv-events/nb') ?? '', { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const actorsJson = json.cases[0]?.events.map((e) => [e.seq, e.actor]);
    expect(rows.map((row) => [Number(row['seq']), row['actor']])).toEqual(actorsJson);

    const templates = builtInTemplates();
    const deps = {
      log,
      people: directory,
      pseudonyms: pseudonymStoreOf(log),
      templates,
      settings: {
        researcherAppRole: 'Research.Read',
        realNamesAppRole: 'Research.RealNames',
        maxExportCases: 10,
        maxExportEvents: 10_000,
        timeZone: 'Europe/Oslo',
      },
      clock: () => new Date('2027-12-01T10:00:00.000Z'),
    };
    const service = new ResearchService({
      ...deps,
      cases: new CaseService({ log, templates }),
      audit: new MemoryExportAudit(),
      spools: memorySpools,
      newId: () => 'id-1',
      generator: 'test',
    });
    const rita = {
      personId: trustPeople.rita.personId,
      appRoles: ['Research.Read'],
      tokenKind: 'development' as const,
    };
    const memos = await service.listMemos(rita, 'case-trust', 'nb');
    expect(memos.map((memo) => memo['by'])).toEqual([memoActor, memoActor]);
    const summary = await service.caseSummary(rita, 'case-trust', 'pseudonymised', 'nb');
    expect(JSON.stringify(summary)).not.toContain(trustPeople.ingrid.personId);

    const dashboard = new DashboardService(deps);
    const detail = await dashboard.caseDetail(rita, 'case-trust', 'nb');
    const ideaBy = detail.timeline.marks.filter((mark) => mark.kind === 'idea').map((mark) => mark.by);
    const jsonIdeaBy = json.cases[0]?.events.filter((e) => e.type === 'IdeaRecorded').map((e) => e.actor);
    expect(ideaBy).toEqual(jsonIdeaBy);
    expect(JSON.stringify(detail)).not.toContain(maritsWords.idea);
    // The owner sees who declined (by name: it is the group's own case).
    const owner = await dashboard.caseDetail(
      { personId: trustPeople.ingrid.personId, appRoles: [], tokenKind: 'development' },
      'case-trust',
      'nb',
    );
    expect(owner.researchDeclined).toEqual(['Marit Kvalheim']);
  });
});

describe('figures come from the process, not from the researcher', () => {
  it('a memo a year later moves no figure of the case sheet', async () => {
    const without = new MemoryEventLog();
    const people = new MemoryPeopleDirectory();
    await storeTrustCase(without, people, 'case-trust', { lateMemo: false });
    const sheet = (l: MemoryEventLog, d: MemoryPeopleDirectory) =>
      exportCases(l, d, ['case-trust'], 'csv-cases', { language: 'en' }).then(
        (csv) => parse(csv, { bom: true, columns: true }) as Record<string, string>[],
      );
    const [withMemo] = await sheet(log, directory);
    const [withoutMemo] = await sheet(without, people);
    if (!withMemo || !withoutMemo) throw new Error('no rows');
    expect(withMemo['Research memos']).toBe('2');
    expect(withoutMemo['Research memos']).toBe('1');
    const { 'Research memos': _a, ...figures } = withMemo;
    const { 'Research memos': _b, ...figuresWithout } = withoutMemo;
    expect(figures).toEqual(figuresWithout);
    expect(figures['Last activity']).toBe(figures['Completed']);
    expect(Number(figures['Days paused'])).toBe(45);
    expect(Number(figures['Rollout: days paused'])).toBe(45);
    expect(figures['Staff involvement: rounds']).toBe('2');
  });

  it('has the same values in CSV, qdpx and Markdown', () => {
    const [row] = parse(exported.get('csv-cases/en') ?? '', { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    if (!row) throw new Error('no row');
    const markdown = exported.get('markdown/en') ?? '';
    const qdpx = exported.get('qdpx/en') ?? '';
    for (const name of [
      'Days open',
      'Days paused',
      'Last activity',
      'Template',
      'Rollout: days',
      'Re-anchoring: political body',
      'Chain intact',
    ]) {
      const value = row[name] ?? '';
      expect(value, name).not.toBe('');
      expect(markdown, name).toContain(`- ${name}: ${value}\n`);
      const variable = /<Variable guid="([^"]+)" name="([^"]+)"/g;
      const guid = [...qdpx.matchAll(variable)].find((m) => m[2] === name)?.[1];
      expect(qdpx, name).toMatch(
        new RegExp(
          `<VariableRef targetGUID="${guid ?? 'none'}"/><\\w+Value>${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}</`,
        ),
      );
    }
  });
});
