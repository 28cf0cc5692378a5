/**
 * Who may read through the research API: no token 401, an expired token 401, a dev token only in dev
 * mode, a valid token without the researcher app role 403, a researcher of another case 403, and the
 * researcher the case's owner granted access 200. Granting and withdrawing goes through the same engine
 * commands the chat uses (`forsker @navn` → AssignRole researcher, `fjern forsker` → RevokeRole).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { researchCase } from '../../functions/researchCase';
import { researchCaseLog } from '../../functions/researchCaseLog';
import { researchVerify } from '../../functions/researchVerify';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { people, storeExampleCase } from '../research/exampleCase';
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

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeExampleCase(harness.log, harness.people, 'case-a');
  useRuntime(harness);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('research API access', () => {
  it('answers 401 with a Bearer challenge when there is no token', async () => {
    const response = await call(researchCase, {
      path: 'research/cases/case-a',
      params: { caseId: 'case-a' },
    });
    expect(response.status).toBe(401);
    expect(headerOf(response, 'www-authenticate')).toBe('Bearer realm="research"');
    expect(errorOf(response)).toMatchObject({
      code: 'missingToken',
      message: { nb: expect.any(String), nn: expect.any(String), en: expect.any(String) },
    });
  });

  it('answers 401 for an expired token', async () => {
    const token = await researcherToken(people.rita, ['Research.Read'], {
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
      expiresInSeconds: 3600,
    });
    const response = await call(researchCase, {
      path: 'research/cases/case-a',
      params: { caseId: 'case-a' },
      token,
    });
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe('expiredToken');
    expect(headerOf(response, 'www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers 403 for a valid token without the researcher app role', async () => {
    const token = await researcherToken(people.rita, []);
    const response = await call(researchCase, {
      path: 'research/cases/case-a',
      params: { caseId: 'case-a' },
      token,
    });
    expect(response.status).toBe(403);
    expect(errorOf(response).code).toBe('researcherRoleMissing');
  });

  it('answers 403 to a researcher who holds no research access to that case', async () => {
    // The case's manager has the app role but was never made researcher in the case.
    const token = await researcherToken(people.mia);
    for (const handler of [researchCase, researchCaseLog, researchVerify]) {
      const response = await call(handler, {
        path: 'research/cases/case-a',
        params: { caseId: 'case-a' },
        token,
      });
      expect(response.status).toBe(403);
      expect(errorOf(response).code).toBe('noResearchAccess');
    }
  });

  it('answers 200 to the researcher the owner granted access, and 403 once it is withdrawn', async () => {
    const token = await researcherToken(people.stranger);
    const read = () =>
      call(researchCase, { path: 'research/cases/case-a', params: { caseId: 'case-a' }, token });
    expect((await read()).status).toBe(403);

    await harness.cases.execute({
      caseId: 'case-a',
      command: { type: 'AssignRole', personId: people.stranger, role: 'researcher' },
      actorId: people.olga,
      at: '2026-11-01T09:00:00.000Z',
    });
    const granted = await read();
    expect(granted.status).toBe(200);
    expect(JSON.parse((await bodyBytes(granted)).toString())).toMatchObject({ case: { caseId: 'case-a' } });

    await harness.cases.execute({
      caseId: 'case-a',
      command: { type: 'RevokeRole', personId: people.stranger, role: 'researcher' },
      actorId: people.olga,
      at: '2026-11-01T10:00:00.000Z',
    });
    expect((await read()).status).toBe(403);
  });

  it('answers 404 for an unknown case and 400 for an impossible case id', async () => {
    const token = await researcherToken(people.rita);
    const unknown = await call(researchCase, {
      path: 'research/cases/nope',
      params: { caseId: 'nope' },
      token,
    });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('caseNotFound');
    const invalid = await call(researchCase, {
      path: 'research/cases/x',
      params: { caseId: 'bad id!' },
      token,
    });
    expect(invalid.status).toBe(400);
  });

  it('accepts development tokens only when dev mode is on', async () => {
    const token = await researcherToken(people.rita);
    const request = { path: 'research/cases/case-a', params: { caseId: 'case-a' }, token };
    expect((await call(researchCase, request)).status).toBe(200);

    // The same key configured, but running in Azure: dev mode is off, the token is refused.
    const inAzure = researchHarness(connectionString, { WEBSITE_INSTANCE_ID: 'abc123' });
    await storeExampleCase(inAzure.log, inAzure.people, 'case-a');
    useRuntime(inAzure);
    try {
      const refused = await call(researchCase, request);
      expect(refused.status).toBe(401);
      expect(errorOf(refused).code).toBe('invalidToken');
    } finally {
      useRuntime(harness);
    }
  });

  it('refuses real names to a caller without the real-names role, and grants them to one with it', async () => {
    const plain = await researcherToken(people.rita);
    const refused = await call(researchCase, {
      path: 'research/cases/case-a?names=real',
      params: { caseId: 'case-a' },
      token: plain,
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused).code).toBe('realNamesNotAllowed');

    const allowed = await researcherToken(people.rita, ['Research.Read', 'Research.RealNames']);
    const response = await call(researchCase, {
      path: 'research/cases/case-a?names=real',
      params: { caseId: 'case-a' },
      token: allowed,
    });
    expect(response.status).toBe(200);
    expect((await bodyBytes(response)).toString()).toContain('Olga Nordmann');
  });
});
