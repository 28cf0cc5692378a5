/**
 * The research functions served by the local Functions host over real HTTP, as `npm start` serves them:
 * their routes are registered and told apart (`cases/{caseId}` versus `cases/{caseId}/log`), a refusal
 * carries its challenge header, and an export arrives streamed (chunked, no Content-Length).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFunctionsHost, type RunningFunctionsHost } from '../../local/functionsHost';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { people, storeExampleCase } from '../research/exampleCase';
import { researcherToken, researchHarness, useRuntime } from './researchSupport';

const connectionString = inject('tablesConnectionString');
let host: RunningFunctionsHost;
let token: string;

beforeAll(async () => {
  const harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-a');
  useRuntime(harness);
  token = await researcherToken(people.rita);
  host = await startFunctionsHost({
    port: 0,
    loadFunctions: async () => {
      await import('../../functions/researchCases');
      await import('../../functions/researchCase');
      await import('../../functions/researchCaseLog');
      await import('../../functions/researchExport');
      await import('../../functions/researchVerify');
      await import('../../functions/researchMemos');
    },
    log: () => {},
  });
});
afterAll(async () => {
  await host.close();
  setResearchRuntimeForTests(undefined);
});

const get = (path: string, withToken = true): Promise<Response> =>
  fetch(`${host.url}/api/${path}`, withToken ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('research API over HTTP', () => {
  it('registers every research route', () => {
    expect(host.functions.filter((f) => f.name.startsWith('research')).map((f) => [f.name, f.path])).toEqual(
      expect.arrayContaining([
        ['researchCases', '/api/research/cases'],
        ['researchCase', '/api/research/cases/{caseId}'],
        ['researchCaseLog', '/api/research/cases/{caseId}/log'],
        ['researchExport', '/api/research/export'],
        ['researchVerify', '/api/research/cases/{caseId}/verify'],
        ['researchMemos', '/api/research/cases/{caseId}/memos'],
      ]),
    );
  });

  it('refuses without a token, with the challenge header', async () => {
    const response = await get('research/cases', false);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="research"');
    expect(await response.json()).toMatchObject({ error: { code: 'missingToken' } });
  });

  it('tells a case from its log, and streams the log', async () => {
    const summary = await get('research/cases/case-a');
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({ case: { caseId: 'case-a' } });

    const log = await get('research/cases/case-a/log?format=jsonl');
    expect(log.status).toBe(200);
    expect(log.headers.get('content-length')).toBeNull();
    expect(log.headers.get('transfer-encoding')).toBe('chunked');
    expect(log.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    const lines = (await log.text()).trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ record: 'export' });
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ record: 'participants' });
  });
});
