/**
 * Research memos through the API: a researcher of the case records a memo on an event or on the whole
 * case; it is appended to the log as an event of its own (the annotated event is unchanged and the chain
 * still verifies) and shows up in the memo list and in exports.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { researchMemos } from '../../functions/researchMemos';
import { setResearchRuntimeForTests } from '../../runtime/research';
import type { StoredEvent } from '../../storage/eventLog';
import { people, storeExampleCase } from '../research/exampleCase';
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

async function eventAt(seq: number): Promise<StoredEvent | undefined> {
  for await (const stored of harness.log.readEvents('case-m', { fromSeq: seq, toSeq: seq })) return stored;
  return undefined;
}

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-m');
  useRuntime(harness);
  token = await researcherToken(people.rita);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('research memos', () => {
  it('records a memo on an event as a new event, leaving the annotated one unchanged', async () => {
    const annotated = await eventAt(5);
    const response = await call(researchMemos, {
      path: 'research/cases/case-m/memos',
      params: { caseId: 'case-m' },
      method: 'POST',
      token,
      body: JSON.stringify({ text: 'Interessant: Mads Hansen tok initiativet.', aboutSeq: 5 }),
    });
    expect(response.status).toBe(201);
    const created = response.jsonBody as { memoId: string; seq: number; at: string };
    const head = await harness.log.readHead('case-m');
    expect(created.seq).toBe(head?.version);

    const stored = await eventAt(created.seq);
    expect(stored?.event).toMatchObject({
      type: 'MemoRecorded',
      memoId: created.memoId,
      aboutSeq: 5,
      actorId: people.rita,
    });
    expect(await eventAt(5)).toEqual(annotated);
    expect((await harness.log.verify('case-m')).ok).toBe(true);

    const list = await call(researchMemos, {
      path: 'research/cases/case-m/memos',
      params: { caseId: 'case-m' },
      token,
    });
    expect(list.status).toBe(200);
    const memos = (list.jsonBody as { memos: { memoId: string; text: string; by: string }[] }).memos;
    expect(memos.at(-1)).toMatchObject({ memoId: created.memoId, aboutSeq: 5 });
    // Listed pseudonymised, like exports.
    expect(memos.at(-1)?.text).toMatch(/^Interessant: Deltaker \d+ tok initiativet\.$/);
    expect(memos.at(-1)?.by).toMatch(/^Deltaker \d+$/);
  });

  it('records a memo on the whole case', async () => {
    const response = await call(researchMemos, {
      path: 'research/cases/case-m/memos',
      params: { caseId: 'case-m' },
      method: 'POST',
      token,
      body: JSON.stringify({ text: 'Et notat om hele saken.' }),
    });
    expect(response.status).toBe(201);
    const stored = await eventAt((response.jsonBody as { seq: number }).seq);
    expect(stored?.event.type).toBe('MemoRecorded');
    expect(stored?.event).not.toHaveProperty('aboutSeq');
  });

  it('refuses bad bodies, unknown events and people without research access', async () => {
    const post = (body: string, caller = token) =>
      call(researchMemos, {
        path: 'research/cases/case-m/memos',
        params: { caseId: 'case-m' },
        method: 'POST',
        token: caller,
        body,
      });
    for (const body of [
      'not json',
      '[]',
      '{}',
      '{"text":"  "}',
      '{"text":"x","aboutSeq":0}',
      '{"text":"x","aboutSeq":"3"}',
    ]) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(errorOf(response).code).toBe('invalidBody');
    }
    const unknownEvent = await post(
      JSON.stringify({ text: 'Om en hendelse som ikke finnes', aboutSeq: 99_999 }),
    );
    expect(unknownEvent.status).toBe(404);
    expect(errorOf(unknownEvent).code).toBe('unknownEvent');

    const manager = await post(JSON.stringify({ text: 'Et notat' }), await researcherToken(people.mia));
    expect(manager.status).toBe(403);
  });
});
