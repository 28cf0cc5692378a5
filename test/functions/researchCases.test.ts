/**
 * The case list and one case's summary: only cases the caller may read, filtered by status, template,
 * unit and date range, with titles and people pseudonymised.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { researchCase } from '../../functions/researchCase';
import { researchCases } from '../../functions/researchCases';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { CaseSpecification, openCommand } from '../engine/caseSpecification';
import { names, people, storeEvents, storeExampleCase } from '../research/exampleCase';
import {
  call,
  errorOf,
  researcherToken,
  researchHarness,
  useRuntime,
  type ResearchHarness,
} from './researchSupport';

const connectionString = inject('tablesConnectionString');
let harness: ResearchHarness;
let token: string;

interface Listed {
  cases: { caseId: string; title: string; status: string; unit?: string; events: number }[];
  count: number;
  truncated: boolean;
}

async function list(query = ''): Promise<Listed> {
  const response = await call(researchCases, { path: `research/cases?${query}`, token });
  expect(response.status, JSON.stringify(response.jsonBody)).toBe(200);
  return response.jsonBody as Listed;
}

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-a');
  for (const [caseId, unit, granted] of [
    ['case-b', 'Sykehjemmet', true],
    ['case-c', 'Sykehjemmet', false],
  ] as const) {
    const spec = new CaseSpecification().after(200 * 24 * 60);
    spec.given(people.olga, openCommand({ caseId, unit, title: `Kveldsteam med Olga Nordmann (${caseId})` }));
    if (granted) spec.given(people.olga, { type: 'AssignRole', personId: people.rita, role: 'researcher' });
    await storeEvents(harness.log, caseId, spec.events);
  }
  useRuntime(harness);
  token = await researcherToken(people.rita);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('research case list', () => {
  it('lists only the cases the caller may read, titles pseudonymised', async () => {
    const listed = await list();
    expect(listed.cases.map((c) => c.caseId).sort()).toEqual(['case-a', 'case-b']);
    expect(listed.truncated).toBe(false);
    const caseB = listed.cases.find((c) => c.caseId === 'case-b');
    // Olga's stable pseudonym, whatever number the installation's book gave her.
    expect(caseB?.title).toMatch(/^Kveldsteam med Deltaker \d+ \(case-b\)$/);
    expect(JSON.stringify(listed)).not.toContain('Olga');
  });

  it('filters by status, template, unit and date range', async () => {
    const ids = async (query: string) => (await list(query)).cases.map((c) => c.caseId).sort();
    expect(await ids('status=completed')).toEqual(['case-a']);
    expect(await ids('status=active')).toEqual(['case-b']);
    expect(await ids('unit=Sykehjemmet')).toEqual(['case-b']);
    expect(await ids('template=other-template')).toEqual([]);
    expect(await ids('from=2026-06-01')).toEqual(['case-b']);
    expect(await ids('to=2026-02-01')).toEqual(['case-a']);
    expect(await ids('from=2026-03-01&to=2026-03-31')).toEqual(['case-a']);
  });

  it('finds a case changed after "from" though its directory row, rewritten only when a list changes, is older', async () => {
    const caseId = 'case-lagging-directory';
    const spec = new CaseSpecification().after(300 * 24 * 60);
    spec.given(people.olga, openCommand({ caseId, unit: 'Hjemmetjenesten' }));
    spec.given(people.olga, { type: 'AssignRole', personId: people.rita, role: 'researcher' });
    await storeEvents(harness.log, caseId, spec.events);
    const openedEvents = spec.events.length;
    // Half an hour later an idea: nothing a list shows changes, so the directory keeps its older time.
    spec
      .after(30)
      .given(people.olga, { type: 'RecordIdea', ideaId: 'idea-late', text: 'Kveldsbesøk samlet' });
    const state = await storeEvents(harness.log, caseId, spec.events.slice(openedEvents));
    const changedAt = Date.parse(state.updatedAt);
    const between = new Date(changedAt - 10 * 60_000).toISOString();
    const after = new Date(changedAt + 60_000).toISOString();

    const ids = async (query: string) => (await list(query)).cases.map((c) => c.caseId);
    expect(await ids(`from=${between}&unit=Hjemmetjenesten`)).toEqual([caseId]);
    expect(await ids(`from=${after}&unit=Hjemmetjenesten`)).toEqual([]);
  });

  it('stops at the limit and says so', async () => {
    const listed = await list('limit=1');
    expect(listed.cases).toHaveLength(1);
    expect(listed.truncated).toBe(true);
  });

  it('answers 400 for malformed parameters', async () => {
    for (const [query, code] of [
      ['limit=0', 'invalidParameter'],
      ['limit=many', 'invalidParameter'],
      ['from=01.03.2026', 'invalidDateRange'],
      ['from=2026-03-01&to=2026-02-01', 'invalidDateRange'],
      ['status=active&status=paused', 'invalidParameter'],
    ] as const) {
      const response = await call(researchCases, { path: `research/cases?${query}`, token });
      expect(response.status, query).toBe(400);
      expect(errorOf(response).code, query).toBe(code);
    }
  });
});

describe('research case summary', () => {
  it('shows stages, participants with roles and decisions, pseudonymised', async () => {
    const response = await call(researchCase, {
      path: 'research/cases/case-a?lang=en',
      params: { caseId: 'case-a' },
      token,
    });
    expect(response.status).toBe(200);
    const summary = response.jsonBody as {
      case: { status: string };
      stages: { id: string; status: string; round: number }[];
      participants: { participant: string; roles: string[] }[];
      recentDecisions: { outcome: string; deciders: string[] }[];
    };
    expect(summary.case.status).toBe('completed');
    expect(summary.stages.map((s) => s.status)).toEqual(Array(6).fill('passed'));
    expect(summary.stages[0]?.round).toBe(2);
    expect(summary.participants).toContainEqual({
      participant: expect.stringMatching(/^Participant \d+$/),
      roles: ['researcher'],
    });
    const text = JSON.stringify(summary);
    for (const name of Object.values(names)) expect(text).not.toContain(name);
  });
});
