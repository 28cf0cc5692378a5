/**
 * Deciding a gate from the dashboard (POST /api/tab/cases/{id}/decision): the real function, the real
 * bot over Azurite, a recording Bot Connector stub, development tokens. A case is opened and brought to
 * its first gate through the chat, as a project group would; then a manager decides on the dashboard.
 *
 * Shows: the decision is recorded as the approval card's would be, and the chat is told (the posted card
 * replaced, the outcome announced, the next question asked); a repeated request records nothing twice;
 * the engine's rules hold (only deciders, only the open request); bad bodies are refused in both languages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CaseState } from '../../engine';
import { tabDecision } from '../../functions/tabDecision';
import { setResearchRuntimeForTests } from '../../runtime/research';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { tableServices } from '../support/tableServices';
import { teamsUser, type TeamsConversation } from '../support/teamsActivities';
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
let decisionCounter = 0;

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

  expect((await current()).gate).toBeDefined();
});

async function current(): Promise<CaseState> {
  const state = await bot.services.cases.getCase(caseId);
  if (!state) throw new Error('no case');
  return state;
}

async function decide(
  who: { aadObjectId: string },
  body: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  clockMs += 60_000;
  const response = await call(tabDecision, {
    path: `tab/cases/${caseId}/decision`,
    method: 'POST',
    params: { caseId },
    token: await researcherToken(who.aadObjectId, []),
    body: JSON.stringify(body),
  });
  return { status: response.status ?? 200, body: response.jsonBody };
}

function nextDecisionId(): string {
  decisionCounter += 1;
  return `00000000-0000-4000-8000-${String(decisionCounter).padStart(12, '0')}`;
}

async function openGate(): Promise<{ stageId: string; requestSeq: number }> {
  const gate = (await current()).gate;
  if (!gate) throw new Error('no gate');
  return { stageId: gate.stageId, requestSeq: gate.requestSeq };
}

describe('deciding a gate from the dashboard', () => {
  it('records the approval and tells the chat: the card replaced, the outcome announced, the next question asked', async () => {
    const gate = await openGate();
    const posted = (await bot.services.conversations.get(conversation.id))?.approvalCards[caseId];
    expect(posted?.requestSeq).toBe(gate.requestSeq);
    const sentBefore = bot.connector.sentActivities(conversation.id).length;

    const answer = await decide(mia, { ...gate, outcome: 'approve', decisionId: nextDecisionId() });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      recorded: true,
      duplicate: false,
      announced: true,
      case: { caseId, currentStageId: 'political-anchoring', gatePending: false },
    });
    const state = await current();
    expect(state.recentDecisions[0]).toMatchObject({ outcome: 'approved', deciderIds: [mia.aadObjectId] });
    // The approval card in the chat now shows the decision instead of buttons.
    const updated = bot.connector.updatedActivities(conversation.id).map((u) => u.activityId);
    expect(updated).toContain(posted?.activityId);
    // The outcome and the next stage's first question, in the chat, in the case's language.
    const said = bot.connector
      .sentActivities(conversation.id)
      .slice(sentBefore)
      .map((sent) => sent.activity.text ?? '')
      .join('\n');
    expect(said).toContain('godkjent');
    expect(said).toContain('Politisk forankring');
  });

  it('records a repeated request once (the page retried after a lost answer)', async () => {
    const gate = await openGate();
    const body = {
      ...gate,
      outcome: 'sendBack',
      toStageId: gate.stageId,
      reason: 'Mer tall',
      decisionId: nextDecisionId(),
    };
    const first = await decide(mats, body);
    const versionAfter = (await current()).version;
    const again = await decide(mats, body);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ recorded: true, duplicate: true });
    expect((await current()).version).toBe(versionAfter);
  });

  it('refuses someone who does not decide this gate, and a decision on a request that is no longer open', async () => {
    const gate = await openGate();
    const member = await decide(mads, { ...gate, outcome: 'approve', decisionId: nextDecisionId() });
    expect(member.status).toBe(403);
    expect((await current()).gate).toBeDefined();

    expect((await decide(mia, { ...gate, outcome: 'approve', decisionId: nextDecisionId() })).status).toBe(
      200,
    );
    const late = await decide(mats, {
      ...gate,
      outcome: 'stop',
      reason: 'For sent',
      decisionId: nextDecisionId(),
    });
    expect(late.status).toBe(409);
    const refusal = (
      late.body as { error: { code: string; message: { nb: string; nn: string; en: string } } }
    ).error;
    expect(['noGatePending', 'gateRequestStale']).toContain(refusal.code);
    expect(refusal.message.nb).not.toBe(refusal.message.en);
    expect((await current()).status).toBe('active');
  });

  it('refuses bodies that are not a decision, naming the field, and records nothing', async () => {
    const gate = await openGate();
    const before = (await current()).version;
    const cases: [Record<string, unknown> | string, string][] = [
      ['not json', 'invalidBody'],
      [{ ...gate, outcome: 'approve' }, 'invalidDecision'],
      [{ ...gate, outcome: 'maybe', decisionId: nextDecisionId() }, 'invalidDecision'],
      [{ ...gate, outcome: 'sendBack', reason: 'Mer tall', decisionId: nextDecisionId() }, 'invalidDecision'],
      [{ ...gate, outcome: 'pause', reason: '   ', decisionId: nextDecisionId() }, 'invalidDecision'],
      [
        { ...gate, outcome: 'stop', reason: 'x'.repeat(5000), decisionId: nextDecisionId() },
        'invalidDecision',
      ],
      [{ ...gate, requestSeq: -1, outcome: 'approve', decisionId: nextDecisionId() }, 'invalidDecision'],
    ];
    for (const [body, code] of cases) {
      clockMs += 60_000;
      const response = await call(tabDecision, {
        path: `tab/cases/${caseId}/decision`,
        method: 'POST',
        params: { caseId },
        token: await researcherToken(mia.aadObjectId, []),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = errorOf(response);
      expect(error.code).toBe(code);
      expect(error.message.nb).not.toBe(error.message.en);
    }
    expect((await current()).version).toBe(before);
  });

  it('answers 401 without a token', async () => {
    const gate = await openGate();
    const response = await call(tabDecision, {
      path: `tab/cases/${caseId}/decision`,
      method: 'POST',
      params: { caseId },
      body: JSON.stringify({ ...gate, outcome: 'approve', decisionId: nextDecisionId() }),
    });
    expect(response.status).toBe(401);
    expect((await current()).gate).toBeDefined();
  });
});
