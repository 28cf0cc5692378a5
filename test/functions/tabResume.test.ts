/**
 * A paused case on the dashboard (GET /api/tab/cases, POST /api/tab/cases/{id}/resume): the real
 * functions, the real bot over Azurite, a recording Bot Connector stub, development tokens. A case is
 * opened and brought to its first gate through the chat, and a manager pauses it at the gate.
 *
 * Shows (what the list says of a paused case is in tabCases.test.ts): a manager's resume is the chat's "gjenoppta" (recorded, the chat told in a proactive turn: resumed, the
 * next question asked); the engine's rules hold (a member is refused 403, a case that is not paused
 * 409); a repeated request records nothing twice; a bad body is refused in both languages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CaseState } from '../../engine';
import { tabDecision } from '../../functions/tabDecision';
import { tabResume } from '../../functions/tabResume';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { tableServices } from '../support/tableServices';
import { messageActivity, teamsUser, type TeamsConversation } from '../support/teamsActivities';
import { groupAtFirstGate } from '../faults/botDriver';
import { call, errorOf, researcherToken, researchHarness, useRuntime } from './researchSupport';

const olga = teamsUser('Olga Owner');
const mads = teamsUser('Mads Member');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

let bot: BotHarness;
let conversation: TeamsConversation;
let caseId: string;
let clockMs = Date.parse('2026-03-02T08:00:00.000Z');
let idCounter = 0;

beforeAll(async () => {
  const connectionString = inject('tablesConnectionString');
  bot = await startBotHarness({ services: tableServices(connectionString, () => new Date(clockMs)) });
  // The dashboard's sign-in (development tokens) comes from the research runtime.
  useRuntime(researchHarness(connectionString));
});
afterAll(async () => {
  setResearchRuntimeForTests(undefined);
  await bot.close();
});

/** A new case waiting at its first gate, brought there through the chat. */
beforeEach(async () => {
  ({ conversation, caseId } = await groupAtFirstGate(
    bot,
    { owner: olga, member: mads, managers: [mia, mats] },
    () => {
      clockMs += 60_000;
    },
  ));

  const gate = (await current()).gate;
  if (!gate) throw new Error('no gate');
  clockMs += 60_000;
  const paused = await call(tabDecision, {
    path: `tab/cases/${caseId}/decision`,
    method: 'POST',
    params: { caseId },
    token: await researcherToken(mia.aadObjectId, []),
    body: JSON.stringify({
      stageId: gate.stageId,
      requestSeq: gate.requestSeq,
      outcome: 'pause',
      reason: 'Venter på budsjettet i juni.',
      decisionId: nextId(),
    }),
  });
  expect(paused.status).toBe(200);
  expect((await current()).status).toBe('paused');
});

async function current(): Promise<CaseState> {
  const state = await bot.services.cases.getCase(caseId);
  if (!state) throw new Error('no case');
  return state;
}

function nextId(): string {
  idCounter += 1;
  return `00000000-0000-4000-8000-${String(idCounter).padStart(12, '0')}`;
}

async function resume(
  who: { aadObjectId: string },
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  clockMs += 60_000;
  const response = await call(tabResume, {
    path: `tab/cases/${caseId}/resume`,
    method: 'POST',
    params: { caseId },
    token: await researcherToken(who.aadObjectId, []),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status ?? 200, body: response.jsonBody };
}

describe('a paused case on the dashboard', () => {
  it("resumes it for a manager as the chat's «gjenoppta» does, and tells the chat in a proactive turn", async () => {
    const sentBefore = bot.connector.sentActivities(conversation.id).length;
    const answer = await resume(mats, { resumeId: nextId() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      recorded: true,
      duplicate: false,
      announced: true,
      case: { caseId, status: 'active', currentStageId: 'define-challenge' },
    });
    const state = await current();
    expect(state.status).toBe('active');
    expect(state.recentDecisions[0]).toMatchObject({ outcome: 'resumed', deciderIds: [mats.aadObjectId] });
    const said = bot.connector
      .sentActivities(conversation.id)
      .slice(sentBefore)
      .map((sent) => sent.activity.text ?? '')
      .join('\n');
    expect(said).toContain('Saken er gjenopptatt.');
  });

  it('says so once when a manager resumes it in the chat instead, with «gjenoppta»', async () => {
    const sentBefore = bot.connector.sentActivities(conversation.id).length;
    clockMs += 60_000;
    await bot.send(
      messageActivity({ serviceUrl: bot.serviceUrl, conversation, from: mats, text: 'gjenoppta' }),
    );
    expect((await current()).status).toBe('active');
    const said = bot.connector
      .sentActivities(conversation.id)
      .slice(sentBefore)
      .map((sent) => sent.activity.text ?? '');
    expect(said.filter((text) => text.includes('Saken er gjenopptatt.'))).toHaveLength(1);
  });

  it('refuses a member (403) and a case that is not paused (409), and records a repeated request once', async () => {
    const member = await resume(mads, { resumeId: nextId() });
    expect(member.status).toBe(403);
    expect((await current()).status).toBe('paused');

    const body = { resumeId: nextId() };
    expect((await resume(mia, body)).status).toBe(200);
    const version = (await current()).version;
    const again = await resume(mia, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recorded: true, duplicate: true });
    expect((await current()).version).toBe(version);

    const late = await resume(mats, { resumeId: nextId() });
    expect(late.status).toBe(409);
    const refusal = errorOf({ jsonBody: late.body });
    expect(refusal.code).toBe('notPaused');
    expect(refusal.message.nb).not.toBe(refusal.message.en);
  });

  it('refuses a body without a resume id in both languages, and records nothing', async () => {
    const before = (await current()).version;
    for (const body of ['not json', {}, { resumeId: '' }, { resumeId: 'ä'.repeat(10) }]) {
      const answer = await resume(mats, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const error = errorOf({ jsonBody: answer.body });
      expect(['invalidBody', 'invalidResume']).toContain(error.code);
      expect(error.message.nb).not.toBe(error.message.en);
    }
    expect((await current()).version).toBe(before);
  });
});
