/**
 * Verification through the API: an intact log passes; a row changed behind the application's back in
 * Azurite is named by its sequence number and row key, and the export of the same case says the chain
 * is broken at the same row.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { researchCaseLog } from '../../functions/researchCaseLog';
import { researchVerify } from '../../functions/researchVerify';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { eventRowKey } from '../../storage/eventLog';
import { people, storeExampleCase, texts } from '../research/exampleCase';
import {
  bodyBytes,
  call,
  researcherToken,
  researchHarness,
  useRuntime,
  type ResearchHarness,
} from './researchSupport';

const connectionString = inject('tablesConnectionString');
let harness: ResearchHarness;
let token: string;
let sendBackSeq: number;

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-intact');
  ({ sendBackSeq } = await storeExampleCase(harness.log, harness.people, 'case-tampered'));
  useRuntime(harness);
  token = await researcherToken(people.rita);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('verify', () => {
  it('passes an intact log', async () => {
    const response = await call(researchVerify, {
      path: 'research/cases/case-intact/verify',
      params: { caseId: 'case-intact' },
      token,
    });
    expect(response.status).toBe(200);
    const head = await harness.log.readHead('case-intact');
    expect(response.jsonBody).toEqual({ caseId: 'case-intact', ok: true, checked: head?.version });
  });

  it('names the row that was changed in storage', async () => {
    // Someone with access to the storage account softens the reason of the send-back.
    const rowKey = eventRowKey(sendBackSeq);
    const row = await harness.eventsTable.getEntity<Record<string, unknown>>('case-tampered', rowKey);
    const {
      etag: _etag,
      timestamp: _timestamp,
      ['odata.metadata']: _metadata,
      ...properties
    } = row as Record<string, unknown>;
    await harness.eventsTable.updateEntity(
      {
        ...properties,
        partitionKey: 'case-tampered',
        rowKey,
        body0: String(row['body0']).replace(texts.sendBack, 'Alt var i orden.'),
      },
      'Replace',
    );

    const response = await call(researchVerify, {
      path: 'research/cases/case-tampered/verify',
      params: { caseId: 'case-tampered' },
      token,
    });
    expect(response.status).toBe(200);
    expect(response.jsonBody).toMatchObject({
      caseId: 'case-tampered',
      ok: false,
      firstMismatch: { seq: sendBackSeq, rowKey, reason: 'hashMismatch' },
    });

    const exported = await call(researchCaseLog, {
      path: 'research/cases/case-tampered/log',
      params: { caseId: 'case-tampered' },
      token,
    });
    const document = JSON.parse((await bodyBytes(exported)).toString()) as {
      cases: { events: { seq: number; chainOk: boolean }[]; summary: { chain: unknown } }[];
    };
    expect(document.cases[0]?.summary.chain).toMatchObject({
      ok: false,
      firstMismatch: { seq: sendBackSeq, rowKey, reason: 'hashMismatch' },
    });
    expect(document.cases[0]?.events.filter((event) => !event.chainOk).map((event) => event.seq)).toEqual([
      sendBackSeq,
    ]);
  });
});
