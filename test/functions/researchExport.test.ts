/**
 * Exports through the HTTP functions: one case's log and multi-case exports in every format, streamed;
 * each recorded in the export audit before it starts; clear 4xx answers for an unknown format, an
 * unknown case, a malformed date range and an export too large for one request.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { researchCaseLog } from '../../functions/researchCaseLog';
import { researchExport } from '../../functions/researchExport';
import { setResearchRuntimeForTests } from '../../runtime/research';
import type { ExportRecord } from '../../storage/exportAudit';
import { CaseSpecification, openCommand } from '../engine/caseSpecification';
import { people, storeEvents, storeExampleCase } from '../research/exampleCase';
import {
  bodyBytes,
  call,
  errorOf,
  headerOf,
  researcherToken,
  researchHarness,
  useRuntime,
  type ResearchHarness,
} from './researchSupport';

const connectionString = inject('tablesConnectionString');
let harness: ResearchHarness;
let token: string;

/** A short case opened `daysLater` days after the example, in `unit`, readable by Rita if `granted`. */
async function smallCase(
  h: ResearchHarness,
  caseId: string,
  unit: string,
  daysLater: number,
  granted: boolean,
) {
  const spec = new CaseSpecification().after(daysLater * 24 * 60);
  spec.given(people.olga, openCommand({ caseId, unit, title: `Sak ${caseId}` }));
  if (granted) spec.given(people.olga, { type: 'AssignRole', personId: people.rita, role: 'researcher' });
  spec.given(people.mads, { type: 'JoinCase' });
  spec.given(people.mads, { type: 'RecordIdea', ideaId: `idea-${caseId}`, text: 'En idé fra Mads Hansen.' });
  await storeEvents(h.log, caseId, spec.events);
}

async function auditRecords(h: ResearchHarness): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for await (const record of h.audit.list()) records.push(record);
  return records;
}

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-a');
  await smallCase(harness, 'case-b', 'Sykehjemmet', 200, true);
  await smallCase(harness, 'case-c', 'Sykehjemmet', 210, false);
  useRuntime(harness);
  token = await researcherToken(people.rita);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('one case log', () => {
  it('streams the whole log as JSON with hashes, and records the export first', async () => {
    const before = (await auditRecords(harness)).length;
    const response = await call(researchCaseLog, {
      path: 'research/cases/case-a/log',
      params: { caseId: 'case-a' },
      token,
    });
    expect(response.status).toBe(200);
    expect(headerOf(response, 'content-type')).toBe('application/json; charset=utf-8');
    expect(headerOf(response, 'content-disposition')).toMatch(
      /^attachment; filename="research-export-2026-12-01-[0-9a-f]{8}\.json"$/,
    );
    // The body is a stream, produced while it is read.
    expect(Symbol.asyncIterator in (response.body as object)).toBe(true);

    // Recorded before a byte was read: who, what, which format, when.
    const records = await auditRecords(harness);
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({
      exportId: headerOf(response, 'x-export-id'),
      requestedBy: people.rita,
      via: 'api',
      format: 'json',
      names: 'pseudonymised',
      scope: { caseIds: ['case-a'] },
      at: '2026-12-01T10:00:00.000Z',
    });

    const document = JSON.parse((await bodyBytes(response)).toString()) as {
      cases: {
        caseId: string;
        events: { seq: number; hash: string; prevHash: string }[];
        summary: { chain: { ok: boolean } };
      }[];
    };
    const head = await harness.log.readHead('case-a');
    const [exported] = document.cases;
    expect(exported?.events).toHaveLength(head?.version ?? -1);
    expect(exported?.events.map((event) => event.seq)).toEqual(
      Array.from({ length: head?.version ?? 0 }, (_, index) => index + 1),
    );
    // Each event chains to the one before it.
    const events = exported?.events ?? [];
    expect(events.length).toBeGreaterThan(1);
    expect(events.slice(1).map((event) => event.prevHash)).toEqual(
      events.slice(0, -1).map((event) => event.hash),
    );
    expect(exported?.summary.chain.ok).toBe(true);
  });

  it('serves every format', async () => {
    const expectations: [string, (body: Buffer) => void][] = [
      ['jsonl', (body) => expect(body.toString().trim().split('\n').length).toBeGreaterThan(10)],
      ['csv-events', (body) => expect(parse(body, { bom: true, columns: true }).length).toBeGreaterThan(10)],
      ['csv-answers', (body) => expect(parse(body, { bom: true, columns: true }).length).toBeGreaterThan(10)],
      ['csv-cases', (body) => expect(parse(body, { bom: true, columns: true })).toHaveLength(1)],
      ['markdown', (body) => expect(body.toString()).toContain('## ')],
      ['qdpx', (body) => expect(body.subarray(0, 2).toString()).toBe('PK')],
    ];
    for (const [format, check] of expectations) {
      const response = await call(researchCaseLog, {
        path: `research/cases/case-a/log?format=${format}`,
        params: { caseId: 'case-a' },
        token,
      });
      expect(response.status, format).toBe(200);
      check(await bodyBytes(response));
    }
  });

  it('answers 400 for an unknown format, naming the known ones, and records nothing', async () => {
    const before = (await auditRecords(harness)).length;
    const response = await call(researchCaseLog, {
      path: 'research/cases/case-a/log?format=docx',
      params: { caseId: 'case-a' },
      token,
    });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('unknownFormat');
    expect(errorOf(response).message.en).toContain('qdpx');
    expect(await auditRecords(harness)).toHaveLength(before);
  });

  it('answers 404 for an unknown case', async () => {
    const response = await call(researchCaseLog, {
      path: 'research/cases/nope/log',
      params: { caseId: 'nope' },
      token,
    });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('caseNotFound');
  });
});

describe('the language of an export that names none', () => {
  it("is the municipality's written form: Nynorsk where it writes Nynorsk, unless lang says otherwise", async () => {
    const markdown = async (query: string): Promise<string> => {
      const response = await call(researchExport, {
        path: `research/export?format=markdown&cases=case-a${query}`,
        token,
      });
      expect(response.status, JSON.stringify(response.jsonBody)).toBe(200);
      return (await bodyBytes(response)).toString('utf8');
    };
    try {
      setResearchRuntimeForTests({ ...harness.runtime, defaultLanguage: 'nn' });
      const nynorsk = await markdown('');
      expect(nynorsk).toMatch(/Deltakar \d/);
      expect(nynorsk).not.toMatch(/Deltaker \d/);
      const bokmal = await markdown('&lang=nb');
      expect(bokmal).toMatch(/Deltaker \d/);
    } finally {
      useRuntime(harness);
    }
    // Without the setting, Bokmål.
    expect(await markdown('')).toMatch(/Deltaker \d/);
  });
});

describe('multi-case export', () => {
  async function exportedCaseIds(query: string): Promise<string[]> {
    const response = await call(researchExport, {
      path: `research/export?format=csv-cases&lang=en&${query}`,
      token,
    });
    expect(response.status, JSON.stringify(response.jsonBody)).toBe(200);
    const rows = parse(await bodyBytes(response), { bom: true, columns: true }) as Record<string, string>[];
    return rows.map((row) => row['Case ID'] ?? '');
  }

  it('exports the readable cases matching the filter, oldest first', async () => {
    expect(await exportedCaseIds('')).toEqual(['case-a', 'case-b']);
    expect(await exportedCaseIds('unit=Sykehjemmet')).toEqual(['case-b']);
    expect(await exportedCaseIds('status=completed')).toEqual(['case-a']);
    expect(await exportedCaseIds('template=municipal-service-innovation')).toEqual(['case-a', 'case-b']);
    expect(await exportedCaseIds('from=2026-07-01')).toEqual(['case-b']);
    expect(await exportedCaseIds('to=2026-01-05')).toEqual(['case-a']);
    expect(await exportedCaseIds('from=2026-06-01&to=2026-06-30')).toEqual([]);
    expect(await exportedCaseIds('cases=case-b,case-a')).toEqual(['case-b', 'case-a']);
  });

  it('answers 403 when an explicitly named case is not readable', async () => {
    const response = await call(researchExport, { path: 'research/export?cases=case-a,case-c', token });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('noResearchAccess');
  });

  it('answers 400 for a malformed date range', async () => {
    for (const query of [
      'from=2026-13-01',
      'to=yesterday',
      'from=2026-02-30',
      'from=2026-05-01&to=2026-04-01',
    ]) {
      const response = await call(researchExport, { path: `research/export?${query}`, token });
      expect(response.status, query).toBe(400);
      expect(errorOf(response).code).toBe('invalidDateRange');
    }
    const status = await call(researchExport, { path: 'research/export?status=sleeping', token });
    expect(status.status).toBe(400);
    expect(errorOf(status).code).toBe('invalidParameter');
  });

  it('answers 400 when the export is too large for one request', async () => {
    const small = researchHarness(connectionString, {
      RESEARCH_MAX_EXPORT_EVENTS: '20',
      RESEARCH_MAX_EXPORT_CASES: '1',
    });
    await storeExampleCase(small.log, small.people, 'case-a');
    await smallCase(small, 'case-b', 'Sykehjemmet', 200, true);
    useRuntime(small);
    try {
      const tooManyEvents = await call(researchExport, { path: 'research/export?cases=case-a', token });
      expect(tooManyEvents.status).toBe(400);
      expect(errorOf(tooManyEvents).code).toBe('exportTooLarge');
      expect(errorOf(tooManyEvents).message.en).toContain('npm run export');
      const tooManyCases = await call(researchExport, {
        path: 'research/export?unit=Sykehjemmet&from=2026-01-01',
        token,
      });
      expect(tooManyCases.status).toBe(200);
      const both = await call(researchExport, { path: 'research/export', token });
      expect(both.status).toBe(400);
      expect(errorOf(both).code).toBe('exportTooLarge');
      // Only the export that ran is on record.
      expect((await auditRecords(small)).map((record) => record.scope.caseIds)).toEqual([['case-b']]);
    } finally {
      useRuntime(harness);
    }
  });
});
