/**
 * The dashboard's API (GET /api/tab/cases, GET /api/tab/cases/{id}) on Azurite with development tokens:
 * who sees which case, the approvals waiting for a manager, names for participants and pseudonyms for a
 * researcher, the timeline and documentation of a case, and the clear refusals.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseDetailView, CaseListView } from '../../dashboard/viewModel';
import { tabCase } from '../../functions/tabCase';
import { tabCases } from '../../functions/tabCases';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { answerRequired, CaseSpecification, openCommand } from '../engine/caseSpecification';
import {
  exampleCaseAwaitingRollout,
  exampleCaseEvents,
  names,
  people,
  storeEvents,
  storeNames,
} from '../research/exampleCase';
import { developmentStorageConnectionString } from '../../runtime/tables';
import { freePort } from '../support/ports';
import {
  call,
  errorOf,
  headerOf,
  researcherToken,
  researchHarness,
  useRuntime,
  type ResearchHarness,
} from './researchSupport';

const connectionString = inject('tablesConnectionString');
const CHAT = '19:group-chat@thread.v2';
const PAUSED_CHAT = '19:paused@thread.v2';
let harness: ResearchHarness;
let pausedAt: string;

async function token(personId: string, roles: string[] = []): Promise<string> {
  return researcherToken(personId, roles);
}

async function list(personId: string, query: string, roles: string[] = []): Promise<CaseListView> {
  const response = await call(tabCases, { path: `tab/cases?${query}`, token: await token(personId, roles) });
  expect(response.status, JSON.stringify(response.jsonBody)).toBe(200);
  return response.jsonBody as CaseListView;
}

async function detail(
  personId: string,
  caseId: string,
  roles: string[] = [],
  lang = 'nb',
): Promise<CaseDetailView> {
  const response = await call(tabCase, {
    path: `tab/cases/${caseId}?lang=${lang}`,
    params: { caseId },
    token: await token(personId, roles),
  });
  expect(response.status, JSON.stringify(response.jsonBody)).toBe(200);
  return response.jsonBody as CaseDetailView;
}

beforeAll(async () => {
  harness = researchHarness(connectionString);
  await storeNames(harness.people);
  // Waiting at the rollout gate (any one manager decides).
  await storeEvents(harness.log, 'case-rollout', exampleCaseAwaitingRollout('case-rollout'));
  // Waiting at the staff-involvement gate, which needs two approvals: Mia has given hers.
  const { events } = exampleCaseEvents('case-staff');
  const firstApproval = events.findIndex(
    (event) => event.type === 'GateApprovalGiven' && event.stageId === 'staff-involvement',
  );
  await storeEvents(harness.log, 'case-staff', events.slice(0, firstApproval + 1));
  // The same people in another chat, and a case in this chat without Mats.
  const elsewhere = new CaseSpecification();
  elsewhere.given(
    people.olga,
    openCommand({ caseId: 'case-elsewhere', conversationId: '19:other@thread.v2' }),
  );
  await storeEvents(harness.log, 'case-elsewhere', elsewhere.events);
  const withoutMats = new CaseSpecification();
  withoutMats.given(people.olga, openCommand({ caseId: 'case-no-mats', managerIds: [people.mia] }));
  await storeEvents(harness.log, 'case-no-mats', withoutMats.events);
  // Paused at its first gate by Mia, in a chat of its own.
  const paused = new CaseSpecification();
  paused
    .given(people.olga, openCommand({ caseId: 'case-paused', conversationId: PAUSED_CHAT }))
    .given(people.mads, { type: 'JoinCase' })
    .given(people.mads, answerRequired('define-challenge'))
    .given(people.olga, { type: 'RequestGateReview', stageId: 'define-challenge' })
    .given(people.mia, {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'pause', reason: 'Venter på budsjettet i juni.' },
    });
  pausedAt = paused.current.pause?.at ?? '';
  await storeEvents(harness.log, 'case-paused', paused.events);
  useRuntime(harness);
});
afterAll(() => setResearchRuntimeForTests(undefined));

describe('the dashboard list', () => {
  it('says who paused a case, when and why, and offers a resume to a manager only', async () => {
    const query = `conversation=${encodeURIComponent(PAUSED_CHAT)}`;
    const forManager = (await list(people.mats, query)).cases[0];
    expect(forManager).toMatchObject({
      caseId: 'case-paused',
      status: 'paused',
      statusName: 'satt på pause',
    });
    expect(pausedAt).not.toBe('');
    expect(forManager?.pause).toEqual({
      at: pausedAt,
      by: names.mia,
      reason: 'Venter på budsjettet i juni.',
      viewerMayResume: true,
    });
    expect(forManager?.pendingGate).toBeUndefined();
    expect((await list(people.mads, query)).cases[0]?.pause).toMatchObject({
      by: names.mia,
      viewerMayResume: false,
    });
    // An active case has no pause.
    const active = await list(people.mats, `conversation=${encodeURIComponent(CHAT)}`);
    expect(active.cases.every((card) => card.pause === undefined)).toBe(true);
  });

  it("shows a manager this chat's cases they are in, and the reviews waiting for their decision", async () => {
    const listed = await list(people.mats, `conversation=${encodeURIComponent(CHAT)}`);
    expect(listed.scope).toBe('conversation');
    expect(listed.cases.map((c) => c.caseId).sort()).toEqual(['case-rollout', 'case-staff']);
    expect(listed.waitingForViewer.map((gate) => `${gate.caseId}:${gate.stageId}`).sort()).toEqual([
      'case-rollout:rollout',
      'case-staff:staff-involvement',
    ]);
    const staff = listed.waitingForViewer.find((gate) => gate.caseId === 'case-staff');
    expect(staff).toMatchObject({
      stageTitle: 'Medarbeiderinvolvering',
      requestedBy: names.olga,
      approvalsNeeded: 2,
      approvals: [{ by: names.mia }],
      awaitingViewer: true,
    });
    expect(listed.cases.find((c) => c.caseId === 'case-rollout')).toMatchObject({
      viewerRoles: ['manager'],
      viewerRoleNames: ['leder'],
      statusName: 'aktiv',
      currentStage: { id: 'rollout', title: 'Operasjonalisering og innføring' },
      canExport: false,
    });
  });

  it('does not ask a manager again for a gate they approved, nor a member who cannot decide', async () => {
    const mia = await list(people.mia, `conversation=${encodeURIComponent(CHAT)}`);
    expect(mia.waitingForViewer.map((gate) => gate.caseId)).toEqual(['case-rollout']);
    expect(mia.cases.find((c) => c.caseId === 'case-staff')?.pendingGate?.awaitingViewer).toBe(false);
    const mads = await list(people.mads, `conversation=${encodeURIComponent(CHAT)}`);
    expect(mads.cases).toHaveLength(2);
    expect(mads.waitingForViewer).toEqual([]);
  });

  it('asks a manager given the role after the review was requested, and lists them among the deciders', async () => {
    const chat = '19:late-manager@thread.v2';
    const spec = new CaseSpecification()
      .given(
        people.mads,
        openCommand({ caseId: 'case-late-manager', conversationId: chat, managerIds: [people.mia] }),
      )
      .given(people.mads, answerRequired('define-challenge'))
      .given(people.mads, { type: 'RequestGateReview', stageId: 'define-challenge' })
      .given(people.mads, { type: 'AssignRole', personId: people.rita, role: 'manager' });
    await storeEvents(harness.log, 'case-late-manager', spec.events);
    const rita = await list(people.rita, `conversation=${encodeURIComponent(chat)}`);
    expect(rita.waitingForViewer.map((gate) => gate.caseId)).toEqual(['case-late-manager']);
    expect(rita.waitingForViewer[0]?.deciders).toEqual(expect.arrayContaining([names.mia, names.rita]));
    const mia = await list(people.mia, `conversation=${encodeURIComponent(chat)}`);
    expect(mia.waitingForViewer[0]?.deciders).toEqual(rita.waitingForViewer[0]?.deciders);
  });

  it('shows nothing to someone who is in no case, whatever conversation they name', async () => {
    const listed = await list(people.stranger, `conversation=${encodeURIComponent(CHAT)}`);
    expect(listed.cases).toEqual([]);
    expect(listed.waitingForViewer).toEqual([]);
  });

  it('without a conversation, lists every case the person is in across chats (a personal tab)', async () => {
    const listed = await list(people.olga, '');
    expect(listed.scope).toBe('mine');
    expect(listed.cases.map((c) => c.caseId).sort()).toEqual([
      'case-elsewhere',
      'case-no-mats',
      'case-paused',
      'case-rollout',
      'case-staff',
    ]);
  });

  it('takes a channel thread id as its channel, as the bot files cases', async () => {
    const listed = await list(
      people.mats,
      `conversation=${encodeURIComponent(`${CHAT};messageid=1700000000000`)}`,
    );
    expect(listed.cases).toHaveLength(2);
  });

  it('speaks English when asked', async () => {
    const listed = await list(people.mats, `conversation=${encodeURIComponent(CHAT)}&lang=en`);
    expect(listed.language).toBe('en');
    const rollout = listed.cases.find((c) => c.caseId === 'case-rollout');
    expect(rollout).toMatchObject({ statusName: 'active', viewerRoleNames: ['manager'] });
    expect(rollout?.currentStage.title).toBe('Rollout');
  });
});

describe('one case on the dashboard', () => {
  it('draws the timeline: a band per stay, the loop, the decisions, the pause, ideas and barriers', async () => {
    const view = await detail(people.mats, 'case-rollout');
    expect(view.timeline.bands.map((band) => `${band.stageId}#${band.round}:${band.via}`)).toEqual([
      'define-challenge#1:start',
      'political-anchoring#1:approval',
      'define-challenge#2:sendBack',
      'political-anchoring#2:approval',
      'staff-involvement#1:approval',
      're-anchoring#1:approval',
      'rollout#1:approval',
    ]);
    // Each stay ends when the next begins; the last runs on to the time of the answer.
    for (const [i, band] of view.timeline.bands.slice(0, -1).entries()) {
      expect(band.to).toBe(view.timeline.bands[i + 1]?.from);
    }
    expect(view.timeline.bands.at(-1)?.to).toBeUndefined();
    expect(view.timeline).toMatchObject({ ongoing: true, end: '2026-12-01T10:00:00.000Z' });
    const sentBack = view.timeline.decisions.find((d) => d.outcome === 'sentBack');
    expect(sentBack).toMatchObject({
      stageId: 'political-anchoring',
      toStageId: 'define-challenge',
      toStageTitle: 'Definere utfordringsbildet',
      outcomeName: 'sendt tilbake',
      by: [names.mia],
    });
    expect(view.timeline.pauses).toHaveLength(1);
    expect(view.timeline.pauses[0]?.to).toBeDefined();
    expect(view.timeline.marks.filter((m) => m.kind === 'idea')).toHaveLength(2);
    const barriers = view.timeline.marks.filter((m) => m.kind === 'barrier');
    expect(barriers.map((b) => b.category)).toEqual([
      'Turnus og skiftarbeid',
      'Deltid og midlertidige stillinger',
    ]);
  });

  it('shows the documentation of every stage, with the latest revision and who wrote it', async () => {
    const view = await detail(people.mats, 'case-rollout');
    expect(view.documentation.map((stage) => `${stage.stageId}:${stage.state}:${stage.rounds}`)).toEqual([
      'define-challenge:passed:2',
      'political-anchoring:passed:2',
      'staff-involvement:passed:1',
      're-anchoring:passed:1',
      'rollout:current:1',
      'evaluation:ahead:0',
    ]);
    const challenge = view.documentation[0]?.answers.find((a) => a.promptId === 'challenge');
    expect(challenge?.answer).toMatchObject({ revision: 2, round: 2, by: names.olga });
    expect(challenge?.answer?.text).toContain('6 årsverk');
    expect(view.documentation[1]?.politicalDecision?.text).toContain('Kommunestyret');
    // A person answer shows the person's name, never their id.
    const champions = view.documentation[4]?.answers.find((a) => a.promptId === 'champions');
    expect(champions?.answer?.text).toBe(names.mads);
    expect(view.exportFormats).toEqual([]);
  });

  it('shows a researcher who is not a participant the case pseudonymised, with export buttons', async () => {
    const view = await detail(people.rita, 'case-rollout', ['Research.Read']);
    const json = JSON.stringify(view);
    for (const name of Object.values(names)) expect(json).not.toContain(name);
    expect(json).not.toMatch(/\bMads\b|\bOlga\b|\bMia\b/);
    expect(view.case).toMatchObject({ viewerRoles: ['researcher'], canExport: true });
    expect(view.exportFormats.map((f) => f.id)).toEqual([
      'json',
      'jsonl',
      'csv-events',
      'csv-answers',
      'csv-cases',
      'csv-anchoring',
      'markdown',
      'qdpx',
    ]);
    // Without the app role the case is still visible, but the API would refuse exports: no buttons.
    const withoutAppRole = await detail(people.rita, 'case-rollout');
    expect(withoutAppRole.case.canExport).toBe(false);
    expect(withoutAppRole.exportFormats).toEqual([]);
  });

  it('refuses a person who is not in the case, and says so in both languages', async () => {
    const response = await call(tabCase, {
      path: 'tab/cases/case-rollout',
      params: { caseId: 'case-rollout' },
      token: await token(people.stranger),
    });
    expect(response.status).toBe(403);
    expect(errorOf(response)).toMatchObject({
      code: 'notInCase',
      message: {
        nb: expect.stringContaining('ikke med i saken') as string,
        en: expect.stringContaining('not part of case') as string,
      },
    });
  });

  it('answers 404 for a case that does not exist', async () => {
    const response = await call(tabCase, {
      path: 'tab/cases/case-nowhere',
      params: { caseId: 'case-nowhere' },
      token: await token(people.mats),
    });
    expect(response.status).toBe(404);
    expect(errorOf(response).code).toBe('caseNotFound');
  });
});

describe('refusals before any case is read', () => {
  it('answers 401 with a challenge without a token, and for a forged one', async () => {
    const missing = await call(tabCases, { path: 'tab/cases' });
    expect(missing.status).toBe(401);
    expect(headerOf(missing, 'www-authenticate')).toBe('Bearer realm="research"');
    const forged = await call(tabCases, {
      path: 'tab/cases',
      token: await researcherToken(people.mats, [], { key: 'another-key-that-is-long-enough-0123456789' }),
    });
    expect(forged.status).toBe(401);
    expect(errorOf(forged).code).toBe('invalidToken');
  });

  it('answers 400 for an unknown language or a conversation id that cannot be one', async () => {
    const badLanguage = await call(tabCases, { path: 'tab/cases?lang=sv', token: await token(people.mats) });
    expect(badLanguage.status).toBe(400);
    expect(errorOf(badLanguage).code).toBe('invalidParameter');
    const badConversation = await call(tabCases, {
      path: `tab/cases?conversation=${encodeURIComponent('19:x\u0000y')}`,
      token: await token(people.mats),
    });
    expect(badConversation.status).toBe(400);
    const tooLong = await call(tabCases, {
      path: `tab/cases?conversation=${'x'.repeat(600)}`,
      token: await token(people.mats),
    });
    expect(tooLong.status).toBe(400);
  });

  it('answers 503 with Retry-After when storage does not answer', async () => {
    const down = researchHarness(developmentStorageConnectionString('127.0.0.1', await freePort()));
    setResearchRuntimeForTests(down.runtime);
    try {
      const response = await call(tabCases, {
        path: `tab/cases?conversation=${encodeURIComponent(CHAT)}`,
        token: await token(people.mats),
      });
      expect(response.status).toBe(503);
      expect(headerOf(response, 'retry-after')).toBe('5');
      expect(errorOf(response).code).toBe('storageUnavailable');
    } finally {
      useRuntime(harness);
    }
  });
});
