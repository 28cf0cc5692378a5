/**
 * "If the bot said it, it is recorded; if it is recorded, the people who must act are told." Through the
 * real endpoint, with storage behind a fault proxy and the storage SDK's retries as in production, each
 * fault hits exactly the transaction that records the action:
 *
 * - `resetAfterCommit`: the transaction commits, its answer is lost (the SDK retries it),
 * - `resetBeforeForward`: the connection is reset before the transaction arrives (the SDK retries it),
 * - `hold`: the transaction is taken and never answered, every time it is sent,
 * - `refuse`: storage refuses connections for the whole action.
 *
 * For each of a documentation answer, a review request, the second approval of a two-manager gate, a
 * decision on the dashboard and a reminder run: the action ends within its deadline; afterwards (the
 * outbox timer having run) the log verifies, the action is recorded at most once (exactly once when the
 * fault let it land), and what it must tell was told exactly once if it was recorded and never if not.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { InnovationBot } from '../../bot/innovationBot';
import { runReminders } from '../../conversation/reminders';
import { CARD_VERBS } from '../../cards';
import type { CaseCommand } from '../../engine';
import { silentLogger } from '../../platform/logger';
import { answerRequired, politicalDecision } from '../engine/caseSpecification';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { isTransaction, startFaultProxy, upstreamOf, type FaultProxy } from '../support/faultProxy';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsConversation,
} from '../support/teamsActivities';
import { openCaseFromCard } from './botDriver';
import { faultServices, freshTables, type FaultServices } from './faultServices';
import { countOf, expectIntactLog } from './logChecks';

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');
const mats = teamsUser('Mats Manager');

const FAULTS = ['resetAfterCommit', 'resetBeforeForward', 'hold', 'refuse'] as const;
type FaultKind = (typeof FAULTS)[number];
const ACTIONS = [
  'documentation',
  'review request',
  'second approval',
  'dashboard decision',
  'reminder run',
] as const;
type Action = (typeof ACTIONS)[number];

/** How long each action may take: its turn budget (bot/innovationBot.ts), and a little for the test. */
const ALLOWED_MS: Record<Action, number> = {
  documentation: 12_000 + 1_000,
  'review request': 12_000 + 1_000,
  'second approval': 4_500 + 1_000,
  'dashboard decision': 10_000 + 1_000,
  'reminder run': 15_000,
};

let proxy: FaultProxy;
beforeAll(async () => {
  proxy = await startFaultProxy(upstreamOf(inject('tablesConnectionString')));
});
afterAll(() => proxy.close());

interface Scenario {
  h: BotHarness;
  services: FaultServices;
  conversation: TeamsConversation;
  caseId: string;
  advance(ms: number): void;
  now(): Date;
}

async function scenario(): Promise<Scenario> {
  let clockMs = Date.parse('2026-05-04T08:00:00.000Z');
  const services = faultServices(proxy.connectionString, freshTables(), { clock: () => new Date(clockMs) });
  const h = await startBotHarness({
    services: { ...services, logger: silentLogger },
    createBot: (s) => new InnovationBot(s, undefined, { requireEntraId: true }),
  });
  const conversation = groupChat();
  h.connector.setMembers(conversation.id, [olga, mia, mats].map(asConnectorMember));
  const caseId = await openCaseFromCard(h, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia, mats],
  });
  return {
    h,
    services,
    conversation,
    caseId,
    advance: (ms) => (clockMs += ms),
    now: () => new Date(clockMs),
  };
}

/** Runs commands straight through the service (setup, not under test) and marks what they had to tell as told. */
async function given(s: Scenario, steps: [string, CaseCommand][]): Promise<void> {
  for (const [actorId, command] of steps) {
    s.advance(60_000);
    await s.services.cases.execute({ caseId: s.caseId, command, actorId, at: s.now().toISOString() });
  }
  for (const item of await s.services.log.pendingEffects(s.caseId)) {
    await s.services.log.settleEffect(item, {
      status: 'delivered',
      at: s.now().toISOString(),
      note: 'setup',
    });
  }
}

const request = (stageId: string): CaseCommand => ({ type: 'RequestGateReview', stageId });
const approve = (stageId: string): CaseCommand => ({
  type: 'DecideGate',
  stageId,
  decision: { outcome: 'approve' },
});

async function passFirstTwoStages(s: Scenario): Promise<void> {
  await given(s, [
    [olga.aadObjectId, answerRequired('define-challenge')],
    [olga.aadObjectId, request('define-challenge')],
    [mia.aadObjectId, approve('define-challenge')],
    [olga.aadObjectId, answerRequired('political-anchoring')],
    [
      olga.aadObjectId,
      { type: 'RecordPoliticalDecision', stageId: 'political-anchoring', reference: politicalDecision },
    ],
    [olga.aadObjectId, request('political-anchoring')],
    [mia.aadObjectId, approve('political-anchoring')],
  ]);
}

/** Matches the transaction that records an event of this type. */
const recording = (eventType: string) => (r: { method: string; path: string; body: string }) =>
  isTransaction(r) && r.body.includes(`"type":"${eventType}"`);

interface Prepared {
  /** The event the action records. */
  eventType: string;
  /** Does the action, and returns when it has answered (or failed). */
  act(): Promise<unknown>;
  /** How many times what it must tell was posted, counted in what the connector received. */
  told(texts: string[], cards: string[]): number;
}

async function prepare(s: Scenario, action: Action): Promise<Prepared> {
  const { h, conversation, caseId } = s;
  switch (action) {
    case 'documentation': {
      // The bot has asked stage 1's first question; the group answers it in chat.
      return {
        eventType: 'DocumentationRecorded',
        act: () =>
          h.send(
            messageActivity({
              serviceUrl: h.serviceUrl,
              conversation,
              from: olga,
              text: 'Ventelistene vokser, og brukerne mister funksjon mens de venter.',
            }),
          ),
        // Not an effect of the engine, but what the group is told after the answer: the next question.
        told: (texts) => texts.filter((t) => t.includes('Spørsmål 2 av')).length,
      };
    }
    case 'review request': {
      await given(s, [[olga.aadObjectId, answerRequired('define-challenge')]]);
      return {
        eventType: 'GateReviewRequested',
        act: () =>
          h.send(
            messageActivity({ serviceUrl: h.serviceUrl, conversation, from: olga, text: 'be om vurdering' }),
          ),
        told: (_texts, cards) => cards.filter((c) => c.includes(CARD_VERBS.refreshApproval)).length,
      };
    }
    case 'second approval': {
      await passFirstTwoStages(s);
      await given(s, [
        [olga.aadObjectId, answerRequired('staff-involvement')],
        [olga.aadObjectId, request('staff-involvement')],
        [mia.aadObjectId, approve('staff-involvement')],
      ]);
      const gate = (await s.services.cases.getCase(caseId))?.gate;
      expect(gate?.approvalsNeeded).toBe(2);
      return {
        eventType: 'GatePassed',
        act: () =>
          h.send(
            cardActionInvoke({
              serviceUrl: h.serviceUrl,
              conversation,
              from: mats,
              verb: CARD_VERBS.decideGate,
              data: {
                caseId,
                stageId: 'staff-involvement',
                requestSeq: gate?.requestSeq,
                outcome: 'approve',
              },
            }),
          ),
        told: (texts) => tellingsOfPass(texts, 'Medarbeiderinvolvering'),
      };
    }
    case 'dashboard decision': {
      await given(s, [
        [olga.aadObjectId, answerRequired('define-challenge')],
        [olga.aadObjectId, request('define-challenge')],
      ]);
      const gate = (await s.services.cases.getCase(caseId))?.gate;
      const bot = h.runtime.bot;
      if (!(bot instanceof InnovationBot)) throw new Error('the harness runs the innovation bot');
      return {
        eventType: 'GatePassed',
        act: () =>
          bot.decideOutsideChat(
            { adapter: h.runtime.adapter, appId: h.runtime.appId },
            {
              caseId,
              stageId: 'define-challenge',
              requestSeq: gate?.requestSeq ?? 0,
              decision: { outcome: 'approve' },
              actorId: mia.aadObjectId,
              deliveryId: `tab:${mia.aadObjectId}:${randomUUID()}`,
            },
          ),
        told: (texts) => tellingsOfPass(texts, 'Definere utfordringsbildet'),
      };
    }
    case 'reminder run': {
      await given(s, [
        [olga.aadObjectId, answerRequired('define-challenge')],
        [olga.aadObjectId, request('define-challenge')],
      ]);
      s.advance(8 * 24 * 60 * 60 * 1000);
      return {
        eventType: 'ReminderSent',
        act: () =>
          runReminders(
            {
              log: {
                listCases: async function* (filter) {
                  for await (const c of s.services.log.listCases(filter)) if (c.caseId === caseId) yield c;
                },
              },
              cases: s.services.cases,
              templates: s.services.templates,
              effects: h.runtime.effects,
              chats: h.runtime.proactive,
              logger: silentLogger,
            },
            s.now(),
          ),
        told: (texts) => texts.filter((t) => t.includes('har ventet på vurdering siden')).length,
      };
    }
  }
}

/** An announced pass is the outcome line and the next stage's first question, each once. */
function tellingsOfPass(texts: string[], stageTitle: string): number {
  const outcome = texts.filter((t) => t.includes(`Porten etter «${stageTitle}» er godkjent`)).length;
  const question = texts.filter((t) => t.includes('Spørsmål 1 av')).length;
  expect(question, 'the next stage was asked about as often as its gate was announced').toBe(outcome);
  return outcome;
}

function injectFault(fault: FaultKind, eventType: string): { end(): Promise<void> } {
  if (fault === 'refuse') return { end: () => proxy.up() };
  // A reset hits once (the SDK's retry then goes through); a hang holds every try of the transaction.
  const rule = proxy.inject({ fault, when: recording(eventType), ...(fault !== 'hold' && { times: 1 }) });
  return {
    end: () => {
      rule.remove();
      return Promise.resolve();
    },
  };
}

describe.each(FAULTS)('storage fault "%s" on the action’s transaction', (fault) => {
  it.each(ACTIONS)(
    '%s: within its deadline, recorded at most once, told exactly as often as recorded',
    async (action) => {
      const s = await scenario();
      try {
        const prepared = await prepare(s, action);
        s.h.connector.reset();
        const versionBefore = (await s.services.cases.getCase(s.caseId))?.version ?? 0;
        const injected = injectFault(fault, prepared.eventType);
        if (fault === 'refuse') await proxy.down();

        const started = performance.now();
        const answer = await prepared.act().catch((error: unknown) => error);
        const elapsed = performance.now() - started;
        await injected.end();
        // What the person was told at once: never "saved" for what was not, never silence.
        const said = JSON.stringify([answer, s.h.connector.sentActivities(s.conversation.id)]);
        if (fault === 'hold' && action !== 'reminder run')
          expect(said).toMatch(/ikke vet om dette ble lagret|outcomeUnknown|Storage did not confirm/);
        if (fault === 'refuse' && action !== 'reminder run')
          expect(said).toMatch(/Ikke lagret|Storage is unavailable/);

        expect(elapsed).toBeLessThan(ALLOWED_MS[action]);

        // Later: the outbox timer runs once the leases are over, and someone writes in the chat.
        s.advance(60_000);
        await s.h.runtime.effects.sweep(s.h.runtime.proactive);
        await s.h.send(
          messageActivity({
            serviceUrl: s.h.serviceUrl,
            conversation: s.conversation,
            from: olga,
            text: 'status',
          }),
        );
        s.advance(60_000);
        await s.h.runtime.effects.sweep(s.h.runtime.proactive);

        const events = await expectIntactLog(s.services.log, s.caseId);
        const recorded = countOf(
          events.filter((e) => e.seq > versionBefore),
          prepared.eventType as never,
        );
        expect(recorded).toBeLessThanOrEqual(1);
        // A transaction that reached storage lands once; one that never did, not at all.
        const landed: Record<FaultKind, number> = {
          resetAfterCommit: 1,
          resetBeforeForward: 1,
          refuse: 0,
          hold: 0,
        };
        expect(recorded).toBe(landed[fault]);

        const sent = s.h.connector.sentActivities(s.conversation.id).map((a) => a.activity);
        const texts = sent.map((a) => a.text ?? '');
        const cards = sent.map((a) => JSON.stringify(a.attachments ?? []));
        expect(prepared.told(texts, cards)).toBe(recorded);
        expect(await s.services.log.pendingEffects(s.caseId)).toEqual([]);
      } finally {
        await s.h.close();
      }
    },
  );
});
