/**
 * The Bot Connector answers 429 and 5xx. In a turn, replies go through botframework-connector's client,
 * whose pipeline retries by itself (core-rest-pipeline's default policy: 4 attempts; 429/503 wait for
 * Retry-After or retry-after-ms, other 5xx back off exponentially from 1 s); reminders go through
 * bot/proactive.ts, which takes the retrying over with a cap and an injectable sleep. Through the real
 * endpoint on Azurite, this file proves that a reply waits as asked and arrives once, that a reply that
 * never gets through ends the turn cleanly without telling anyone "nothing was saved" about something
 * that was, that what was recorded stays recorded once (also when the activity comes again), and that
 * reminders give up after their bound and are not recorded twice by the next runs.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { proactiveChats } from '../../bot/proactive';
import { texts } from '../../conversation/botTexts';
import { runReminders, type ReminderLogger } from '../../conversation/reminders';
import { CARD_VERBS } from '../../cards';
import type { CaseSummary } from '../../engine';
import { answerRequired } from '../engine/caseSpecification';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import { POST_ACTIVITY_ROUTES } from '../support/connectorStub';
import {
  asConnectorMember,
  cardActionInvoke,
  groupChat,
  messageActivity,
  teamsUser,
  type TeamsConversation,
} from '../support/teamsActivities';
import { exchange, invokeValue, openCaseFromCard } from './botDriver';
import { faultServices, freshTables, type FaultServices } from './faultServices';
import { countOf, eventsOfDelivery, expectIntactLog } from './logChecks';

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
let clockMs = T0;

let services: FaultServices;
let harness: BotHarness;

beforeAll(async () => {
  services = faultServices(inject('tablesConnectionString'), freshTables(), {
    clock: () => new Date(clockMs),
  });
  harness = await startBotHarness({ services });
});
afterAll(() => harness.close());
afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(() => {
  clockMs += 60_000;
  harness.connector.reset();
});

async function newCase(): Promise<{ conversation: TeamsConversation; caseId: string }> {
  const conversation = groupChat();
  harness.connector.setMembers(conversation.id, [olga, mia].map(asConnectorMember));
  const caseId = await openCaseFromCard(harness, conversation, olga, {
    title: 'Trygghetsalarm',
    managers: [mia],
  });
  harness.connector.reset();
  return { conversation, caseId };
}

async function* onlyCase(cases: AsyncIterable<CaseSummary>, caseId: string): AsyncIterable<CaseSummary> {
  for await (const summary of cases) if (summary.caseId === caseId) yield summary;
}

function postStatuses(): number[] {
  return harness.connector.requestsTo(POST_ACTIVITY_ROUTES).map((request) => request.status);
}

describe('a reply in a turn', () => {
  it('waits as long as Retry-After says after a 429, then arrives once', async () => {
    const { conversation, caseId } = await newCase();
    const idea = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      text: 'idé: sensor i døra',
    });
    harness.connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 429, headers: { 'Retry-After': '1' } });

    const started = performance.now();
    const sent = await exchange(harness, idea);
    const elapsed = performance.now() - started;

    expect(sent.status).toBe(200);
    expect(sent.texts).toEqual([texts.ideaRecorded.nb]);
    expect(postStatuses()).toEqual([429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    const events = await expectIntactLog(services.log, caseId);
    expect(eventsOfDelivery(events, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);
  });

  it('gives up after 4 attempts on 5xx, ends the turn without claiming nothing was saved, and a redelivery records nothing more', async () => {
    const { conversation, caseId } = await newCase();
    const idea = messageActivity({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: olga,
      text: 'idé: felles nøkkelboks',
    });
    harness.connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 500, times: 4 });
    const loggedBefore = harness.logs.length;

    const started = performance.now();
    const during = await exchange(harness, idea);
    const elapsed = performance.now() - started;

    expect(during.status).toBe(200);
    // Four attempts with exponential backoff (0.5–1 s, 1–2 s, 2–4 s), then nothing more is posted: the
    // connector just refused four times, and the idea *was* recorded.
    expect(postStatuses()).toEqual([500, 500, 500, 500]);
    expect(elapsed).toBeGreaterThanOrEqual(3_400);
    expect(harness.logs.slice(loggedBefore)).toContainEqual({
      level: 'error',
      message: expect.stringContaining('Bot Connector') as string,
      details: expect.objectContaining({ activityId: idea.id }) as object,
    });
    const recorded = await expectIntactLog(services.log, caseId);
    expect(eventsOfDelivery(recorded, String(idea.id)).map((e) => e.type)).toEqual(['IdeaRecorded']);

    harness.connector.reset();
    const redelivered = await exchange(harness, idea);

    expect(redelivered.texts).toEqual([texts.ideaRecorded.nb]);
    expect(await expectIntactLog(services.log, caseId)).toEqual(recorded);
  });
});

describe('a gate decision whose announcement the connector refuses', () => {
  it('is recorded once, the manager still gets the decided card, and the chat is told in the next turn', async () => {
    const { conversation, caseId } = await newCase();
    await services.cases.execute({
      caseId,
      command: answerRequired('define-challenge'),
      actorId: olga.aadObjectId,
      at: new Date(clockMs).toISOString(),
    });
    const requested = await exchange(
      harness,
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'be om vurdering' }),
    );
    expect(requested.texts.join('\n')).toContain('sendt til vurdering');
    const gate = (await services.cases.getCase(caseId))?.gate;
    const approve = cardActionInvoke({
      serviceUrl: harness.serviceUrl,
      conversation,
      from: mia,
      verb: CARD_VERBS.decideGate,
      data: { caseId, stageId: 'define-challenge', requestSeq: gate?.requestSeq, outcome: 'approve' },
    });
    harness.connector.reset();
    // 503 with retry-after-ms: the SDK's throttling strategy, so the four attempts take milliseconds.
    harness.connector.failNext({
      route: POST_ACTIVITY_ROUTES,
      status: 503,
      times: 4,
      headers: { 'retry-after-ms': '5' },
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const decided = await harness.send(approve);

    expect(decided.status).toBe(200);
    expect(invokeValue(decided).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(invokeValue(decided).value)).toContain('Godkjent');
    // The outcome's announcement failed four times; the effects after it wait in the outbox, in order.
    expect(postStatuses()).toEqual([503, 503, 503, 503]);
    expect((await services.log.pendingEffects(caseId)).map((item) => item.effect.type)).toEqual([
      'announceGateOutcome',
      'askNextPrompt',
    ]);
    const events = await expectIntactLog(services.log, caseId);
    expect(countOf(events, 'GateApprovalGiven')).toBe(1);
    expect(countOf(events, 'GatePassed')).toBe(1);

    const redelivered = await harness.send(approve);

    expect(invokeValue(redelivered).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await expectIntactLog(services.log, caseId)).toEqual(events);
    // Still within the decision's lease: the redelivery delivers nothing of it (its first turn might
    // still be at work).
    expect(postStatuses()).toHaveLength(4);

    // A minute later someone writes in the chat: the outcome and the next question come first, once.
    harness.connector.reset();
    clockMs += 60_000;
    const later = await exchange(
      harness,
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'status' }),
    );
    expect(later.texts.join('\n')).toContain('er godkjent');
    expect(later.texts.join('\n')).toContain('Spørsmål 1 av');
    expect(await services.log.pendingEffects(caseId)).toEqual([]);
    const again = await exchange(
      harness,
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'status' }),
    );
    expect(again.texts.join('\n')).not.toContain('er godkjent');
  });
});

describe('a reminder the connector keeps throttling', () => {
  it('waits for Retry-After on each attempt, gives up after 4, is recorded once that day, and is not sent late once a newer one went out', async () => {
    const { caseId } = await newCase();
    const waits: number[] = [];
    const logged: string[] = [];
    const logger: ReminderLogger = {
      info: () => undefined,
      warn: () => undefined,
      error: (message) => logged.push(message),
    };
    const run = (at: number) => {
      clockMs = at;
      return runReminders(
        {
          ...services,
          // Other tests' cases share these tables; this run looks at its own case only.
          log: { listCases: (filter) => onlyCase(services.log.listCases(filter), caseId) },
          effects: harness.runtime.effects,
          chats: proactiveChats(harness.runtime.adapter, harness.runtime.appId, {
            sleep: (ms) => {
              waits.push(ms);
              return Promise.resolve();
            },
            random: () => 1,
          }),
          logger,
        },
        new Date(at),
      );
    };
    const remindersOf = async () =>
      (await expectIntactLog(services.log, caseId)).filter((e) => e.event.type === 'ReminderSent');
    const quietSince = clockMs;
    harness.connector.failNext({
      route: POST_ACTIVITY_ROUTES,
      status: 429,
      times: 4,
      headers: { 'Retry-After': '1' },
    });

    const first = await run(quietSince + 15 * DAY);

    expect(first.undelivered).toEqual([{ caseId, kind: 'idleStage', reason: 'not delivered yet' }]);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(postStatuses()).toEqual([429, 429, 429, 429]);
    expect(logged).toEqual([]);
    expect(await remindersOf()).toHaveLength(1);

    // Later runs that day: nothing recorded, nothing sent.
    const sameDay = await run(quietSince + 15 * DAY + 3 * 60 * 60 * 1000);
    expect(sameDay.sent).toEqual([]);
    expect(postStatuses()).toHaveLength(4);
    expect(await remindersOf()).toHaveLength(1);

    // The next day the connector answers: one new reminder, recorded once, delivered once.
    const nextDay = await run(quietSince + 16 * DAY);
    expect(nextDay.sent).toEqual([{ caseId, kind: 'idleStage' }]);
    const reminders = await remindersOf();
    expect(reminders.map((e) => e.deliveryId)).toEqual([
      `reminder:${caseId}:${new Date(quietSince + 15 * DAY).toISOString().slice(0, 10)}`,
      `reminder:${caseId}:${new Date(quietSince + 16 * DAY).toISOString().slice(0, 10)}`,
    ]);
    expect(postStatuses()).toEqual([429, 429, 429, 429, 200]);

    // The first day's reminder is still in the outbox: a newer one went out, so it is dropped, not sent
    // a day late.
    const left = await harness.runtime.effects.leftoversOutside(harness.runtime.proactive, caseId);
    expect(left).toMatchObject({ delivered: 0, superseded: 1, left: 0 });
    expect(postStatuses()).toHaveLength(5);
    expect(await services.log.pendingEffects(caseId)).toEqual([]);
  });
});
