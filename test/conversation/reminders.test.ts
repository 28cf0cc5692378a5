/**
 * Reminders with a real CaseService (in memory, and once on Azurite), the real CloudAdapter and the Bot
 * Connector stub. The clock is set by each test: the timer's "now" is passed in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CaseService } from '../../application/caseService';
import { createBotAdapter } from '../../bot/botAdapter';
import { proactiveChats } from '../../bot/proactive';
import { botParts } from '../../conversation/botParts';
import type { EffectRunner } from '../../conversation/effectRunner';
import { reminderMessage } from '../../conversation/reminderMessage';
import {
  REMINDER_ACTOR,
  runReminders,
  type ReminderDependencies,
  type ReminderLogger,
  type ReminderReport,
} from '../../conversation/reminders';
import { parseSettings } from '../../config/settings';
import type { CaseCommand, CaseSummary, ReminderSent } from '../../engine';
import { builtInTemplates } from '../../engine';
import type { ConversationStore } from '../../storage/conversationStore';
import type { EventLog } from '../../storage/eventLog';
import { MemoryConversationStore } from '../../storage/memoryConversationStore';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { MemoryPeopleDirectory } from '../../storage/memoryPeopleDirectory';
import type { PeopleDirectory, Person } from '../../storage/peopleDirectory';
import { TableConversationStore } from '../../storage/tableConversationStore';
import { TableEventLog } from '../../storage/tableEventLog';
import { TablePeopleDirectory } from '../../storage/tablePeopleDirectory';
import {
  answerRequired,
  CaseSpecification,
  openCommand,
  passStage,
  people as ids,
  politicalDecision,
  template,
  validAnswer,
} from '../engine/caseSpecification';
import { collect, uniqueTableName } from '../storage/caseFixtures';
import { POST_ACTIVITY_ROUTES, startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { BOT_ID, BOT_NAME, TENANT_ID } from '../support/teamsActivities';

const T0 = Date.parse('2026-01-05T08:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number): Date => new Date(T0 + ms);
const days = (n: number, hours = 0): number => n * DAY + hours * 60 * 60 * 1000;

const defineChallenge = (() => {
  const stage = template.stages[0];
  if (!stage) throw new Error('the template has stages');
  return stage;
})();

let connector: ConnectorStub;
beforeAll(async () => {
  connector = await startConnectorStub();
});
afterAll(() => connector.close());
beforeEach(() => connector.reset());

const { adapter } = createBotAdapter(parseSettings([{ name: 'the test', values: {} }]));

interface Setup {
  deps: ReminderDependencies;
  effects: EffectRunner;
  /** Runs the reminders at `now` (the app's clock reads `now` too), with some dependencies replaced. */
  remind(now: Date, replace?: Partial<ReminderDependencies>): Promise<ReminderReport>;
  /** The outbox timer's pass at `now`. */
  sweep(now: Date): ReturnType<EffectRunner['sweep']>;
  cases: CaseService;
  log: EventLog;
  people: PeopleDirectory;
  caseId: string;
  conversationId: string;
  waits: number[];
  logged: { level: string; message: string }[];
  /** Runs a command as `actorId` at `T0 + ms`. */
  run(actorId: string, command: CaseCommand, ms: number): Promise<void>;
  remindedMessages(): string[];
}

async function setup(
  storage: {
    log?: EventLog;
    conversations?: ConversationStore;
    people?: PeopleDirectory;
    /** Keep no reference to the conversation (as if the bot had never been installed there). */
    noReference?: boolean;
  } = {},
): Promise<Setup> {
  const log = storage.log ?? new MemoryEventLog();
  const conversations = storage.conversations ?? new MemoryConversationStore();
  const people = storage.people ?? new MemoryPeopleDirectory();
  const templates = builtInTemplates();
  const cases = new CaseService({ log, templates });
  const caseId = `case-${randomUUID()}`;
  const conversationId = `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
  const run = async (actorId: string, command: CaseCommand, ms: number): Promise<void> => {
    await cases.execute({ caseId, command, actorId, at: at(ms).toISOString() });
  };
  await run(ids.olga, openCommand({ caseId, conversationId }), 0);
  if (storage.noReference !== true)
    await conversations.update(conversationId, () => ({
      conversationId,
      reference: {
        bot: { id: BOT_ID, name: BOT_NAME },
        conversation: {
          id: conversationId,
          conversationType: 'groupChat',
          tenantId: TENANT_ID,
          isGroup: true,
        },
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
      },
      approvalCards: {},
      updatedAt: at(0).toISOString(),
    }));
  for (const [personId, name] of [
    [ids.mia, 'Mia Leder'],
    [ids.mats, 'Mats Leder'],
  ] as const) {
    await people.upsertPerson({
      personId,
      displayName: name,
      teamsUserId: `29:1${name.split(' ')[0] ?? ''}`,
      seenAt: at(0).toISOString(),
    });
  }
  const waits: number[] = [];
  const logged: { level: string; message: string }[] = [];
  const logger: ReminderLogger = {
    info: (message) => logged.push({ level: 'info', message }),
    warn: (message) => logged.push({ level: 'warn', message }),
    error: (message) => logged.push({ level: 'error', message }),
  };
  let now = at(0);
  const clock = (): Date => now;
  const effects = botParts({ cases, log, templates, conversations, people, clock }, logger).runner;
  const chats = proactiveChats(adapter, '', {
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 1,
  });
  const deps: ReminderDependencies = { log, cases, templates, effects, chats, logger };
  return {
    deps,
    effects,
    remind: (when, replace = {}) => {
      now = when;
      return runReminders({ ...deps, ...replace }, when);
    },
    sweep: (when) => {
      now = when;
      return effects.sweep(chats);
    },
    cases,
    log,
    people,
    caseId,
    conversationId,
    waits,
    logged,
    run,
    remindedMessages: () => connector.sentActivities(conversationId).map((sent) => sent.activity.text ?? ''),
  };
}

async function remindersIn(
  log: EventLog,
  caseId: string,
): Promise<{ at: string; actorId: string; deliveryId?: string; event: ReminderSent }[]> {
  const events = await collect(log.readEvents(caseId));
  return events.flatMap((stored) =>
    stored.event.type === 'ReminderSent'
      ? [
          {
            at: stored.event.at,
            actorId: stored.event.actorId,
            ...(stored.deliveryId !== undefined && { deliveryId: stored.deliveryId }),
            event: stored.event,
          },
        ]
      : [],
  );
}

describe('idle-stage reminders', () => {
  it('fire once a day after the stage has been quiet, naming the next open question in the case language', async () => {
    const s = await setup();
    const challenge = defineChallenge.prompts.find((p) => p.id === 'challenge');
    const trigger = defineChallenge.prompts.find((p) => p.id === 'trigger');
    await s.run(
      ids.olga,
      {
        type: 'RecordDocumentation',
        stageId: defineChallenge.id,
        answers: [{ promptId: 'challenge', answer: validAnswer('challenge') }],
      },
      60_000,
    );

    const early = await s.remind(at(days(13)));
    expect(early.sent).toEqual([]);

    const due = await s.remind(at(days(14, 2)));
    expect(due.sent).toEqual([{ caseId: s.caseId, kind: 'idleStage' }]);
    const [message] = s.remindedMessages();
    expect(message).toContain(defineChallenge.title.nb);
    expect(message).toContain(trigger?.label.nb);
    expect(message).not.toContain(challenge?.label.nb);
    expect(await remindersIn(s.log, s.caseId)).toEqual([
      {
        at: at(days(14, 2)).toISOString(),
        actorId: REMINDER_ACTOR,
        deliveryId: `reminder:${s.caseId}:2026-01-19`,
        event: expect.objectContaining({
          kind: 'idleStage',
          stageId: defineChallenge.id,
          personIds: [],
        }) as ReminderSent,
      },
    ]);

    const sameDay = await s.remind(at(days(14, 8)));
    expect(sameDay.sent).toEqual([]);
    expect(s.remindedMessages()).toHaveLength(1);

    const nextDay = await s.remind(at(days(15, 2)));
    expect(nextDay.sent).toHaveLength(1);
    expect(s.remindedMessages()).toHaveLength(2);
    expect(await remindersIn(s.log, s.caseId)).toHaveLength(2);
  });

  it('speak English in an English case', async () => {
    const s = await setup();
    await s.run(ids.olga, { type: 'ChangeLanguage', language: 'en' }, 60_000);

    await s.remind(at(days(15)));

    const [message] = s.remindedMessages();
    expect(message).toContain(defineChallenge.title.en);
    expect(message).toContain(defineChallenge.prompts[0]?.label.en);
  });

  it('record and send once when two runs overlap', async () => {
    const s = await setup();

    const [first, second] = await Promise.all([s.remind(at(days(15))), s.remind(at(days(15)))]);

    expect(first.sent.length + second.sent.length).toBe(1);
    expect(s.remindedMessages()).toHaveLength(1);
    expect(await remindersIn(s.log, s.caseId)).toHaveLength(1);
  });
});

describe('pending-gate reminders', () => {
  async function withGateRequested(): Promise<Setup> {
    const s = await setup();
    await s.run(ids.olga, answerRequired(defineChallenge.id), 60_000);
    await s.run(ids.olga, { type: 'RequestGateReview', stageId: defineChallenge.id }, 120_000);
    return s;
  }

  it('@mention the managers who have not decided, by their Teams ids and names', async () => {
    const s = await withGateRequested();

    expect((await s.remind(at(days(6)))).sent).toEqual([]);
    const due = await s.remind(at(days(7, 1)));

    expect(due.sent).toEqual([{ caseId: s.caseId, kind: 'pendingGate' }]);
    const [sent] = connector.sentActivities(s.conversationId);
    expect(sent?.activity.text).toContain('<at>Mia Leder</at>');
    expect(sent?.activity.text).toContain('<at>Mats Leder</at>');
    expect(sent?.activity.text).toContain('5. januar 2026');
    expect(sent?.activity.entities).toEqual(
      expect.arrayContaining([
        { type: 'mention', text: '<at>Mia Leder</at>', mentioned: { id: '29:1Mia', name: 'Mia Leder' } },
        { type: 'mention', text: '<at>Mats Leder</at>', mentioned: { id: '29:1Mats', name: 'Mats Leder' } },
      ]),
    );
    const [recorded] = await remindersIn(s.log, s.caseId);
    expect(recorded?.event.personIds.sort()).toEqual([ids.mats, ids.mia].sort());
  });

  it('say "a manager" for a decider whose name is unknown or erased, and mention only the others', async () => {
    const s = await withGateRequested();
    await s.people.erasePerson(ids.mats, at(days(1)).toISOString());

    await s.remind(at(days(8)));

    const [sent] = connector.sentActivities(s.conversationId);
    expect(sent?.activity.text).toContain('<at>Mia Leder</at> og en leder');
    expect(sent?.activity.entities?.filter((e) => e.type === 'mention')).toEqual([
      { type: 'mention', text: '<at>Mia Leder</at>', mentioned: { id: '29:1Mia', name: 'Mia Leder' } },
    ]);
  });

  it('name only the deciders still to approve when a gate needs two approvals', () => {
    const spec = new CaseSpecification();
    spec.given(ids.olga, openCommand());
    passStage(spec, 'define-challenge');
    passStage(spec, 'political-anchoring');
    spec.given(ids.olga, answerRequired('staff-involvement'));
    spec.given(ids.olga, { type: 'RequestGateReview', stageId: 'staff-involvement' });
    spec.given(ids.mia, {
      type: 'DecideGate',
      stageId: 'staff-involvement',
      decision: { outcome: 'approve' },
    });
    spec.after(8 * 24 * 60);
    const [event] = spec.when(REMINDER_ACTOR, { type: 'RecordReminder', kind: 'pendingGate' }).events;
    if (event?.type !== 'ReminderSent') throw new Error('expected a reminder');
    const directory = new Map<string, Person>([
      [ids.mia, { personId: ids.mia, displayName: 'Mia Leder', teamsUserId: '29:1Mia' }],
      [ids.mats, { personId: ids.mats, displayName: 'Mats Leder' }],
    ]);

    const message = reminderMessage(spec.current, template, event, directory);

    expect(event.personIds).toEqual([ids.mats]);
    expect(message.mentions).toEqual([{ personId: ids.mats, name: 'Mats Leder' }]);
    expect(message.text).toContain('<at>Mats Leder</at>:');
    expect(message.text).not.toContain('Mia');
  });
});

describe('no reminders for cases that are not active', () => {
  it('send nothing for a paused or a stopped case', async () => {
    const paused = await setup();
    await paused.run(ids.mia, { type: 'PauseCase', reason: 'Budsjettet er frosset' }, 60_000);
    const stopped = await setup();
    await stopped.run(ids.mia, { type: 'StopCase', reason: 'Prioritert bort' }, 60_000);

    const reports = [await paused.remind(at(days(40))), await stopped.remind(at(days(40)))];

    expect(reports.flatMap((r) => r.sent)).toEqual([]);
    expect(connector.sentActivities()).toEqual([]);
    expect(await remindersIn(paused.log, paused.caseId)).toEqual([]);
  });

  it('send nothing for a completed case', async () => {
    const s = await setup();
    let minute = 1;
    for (const stage of template.stages) {
      await s.run(ids.olga, answerRequired(stage.id), (minute += 1) * 60_000);
      if (stage.gate.requiresPoliticalDecision) {
        await s.run(
          ids.olga,
          { type: 'RecordPoliticalDecision', stageId: stage.id, reference: politicalDecision },
          (minute += 1) * 60_000,
        );
      }
      await s.run(ids.olga, { type: 'RequestGateReview', stageId: stage.id }, (minute += 1) * 60_000);
      const needed = (await s.cases.getCase(s.caseId))?.gate?.approvalsNeeded ?? 1;
      for (const manager of [ids.mia, ids.mats].slice(0, needed)) {
        await s.run(
          manager,
          { type: 'DecideGate', stageId: stage.id, decision: { outcome: 'approve' } },
          (minute += 1) * 60_000,
        );
      }
    }
    expect((await s.cases.getCase(s.caseId))?.status).toBe('completed');

    const report = await s.remind(at(days(90)));

    expect(report).toMatchObject({ sent: [], undelivered: [], failed: [] });
    expect(connector.sentActivities()).toEqual([]);
  });

  it('trust the case over a stale directory entry that still says active', async () => {
    const s = await setup();
    const stale: CaseSummary[] = await collect(s.log.listCases({ status: 'active' }));
    await s.run(ids.mia, { type: 'PauseCase', reason: 'Venter på budsjett' }, 60_000);
    const staleLog: Pick<EventLog, 'listCases'> = {
      listCases: async function* () {
        await Promise.resolve();
        yield* stale;
      },
    };

    const report = await s.remind(at(days(30)), { log: staleLog });

    expect(report.checked).toBe(1);
    expect(report.sent).toEqual([]);
    expect(connector.sentActivities()).toEqual([]);
  });
});

describe('delivery', () => {
  it('waits for Retry-After when the connector throttles, then delivers', async () => {
    const s = await setup();
    connector.failNext({ route: POST_ACTIVITY_ROUTES, status: 429, headers: { 'Retry-After': '1' } });

    const report = await s.remind(at(days(15)));

    expect(s.waits).toEqual([1000]);
    expect(report.sent).toHaveLength(1);
    expect(connector.requestsTo(POST_ACTIVITY_ROUTES).map((r) => r.status)).toEqual([429, 200]);
  });

  it('keeps a reminder it could not deliver in the outbox and sends it once when the outbox timer runs', async () => {
    const s = await setup();
    connector.failNext({ route: POST_ACTIVITY_ROUTES, times: 4, status: 502 });

    const report = await s.remind(at(days(15)));

    expect(report.sent).toEqual([]);
    expect(report.undelivered).toEqual([
      { caseId: s.caseId, kind: 'idleStage', reason: 'not delivered yet' },
    ]);
    expect(await remindersIn(s.log, s.caseId)).toHaveLength(1);
    expect(s.logged).toContainEqual({
      level: 'warn',
      message: expect.stringContaining('could not be delivered') as string,
    });
    expect(s.waits).toHaveLength(3);
    expect(connector.sentActivities()).toEqual([]);

    // Within its lease nobody takes it over; the reminder run itself never sends it twice.
    expect((await s.sweep(at(days(15) + 10_000))).delivered).toBe(0);
    const later = await s.remind(at(days(15, 3)));
    expect(later.sent).toEqual([]);
    expect(connector.sentActivities()).toEqual([]);

    const swept = await s.sweep(at(days(15, 3) + 60_000));
    expect(swept.delivered).toBe(1);
    expect(s.remindedMessages()).toHaveLength(1);
    expect((await s.sweep(at(days(15, 4)))).delivered).toBe(0);
    expect(s.remindedMessages()).toHaveLength(1);
  });

  it('records the reminder and keeps it for later when the conversation has no stored reference', async () => {
    const s = await setup({ noReference: true });

    const report = await s.remind(at(days(15)));

    expect(report.undelivered).toEqual([
      { caseId: s.caseId, kind: 'idleStage', reason: 'the conversation could not be reached' },
    ]);
    expect(await remindersIn(s.log, s.caseId)).toHaveLength(1);
    expect((await s.log.pendingEffects(s.caseId)).map((item) => item.effect.type)).toContain('sendReminder');
  });
});

describe('reminders on Table Storage (Azurite)', () => {
  it('record, send, and stay quiet for the rest of the day', async () => {
    const connectionString = inject('tablesConnectionString');
    const s = await setup({
      log: TableEventLog.fromConnectionString(connectionString, {
        eventsTableName: uniqueTableName('ev'),
        directoryTableName: uniqueTableName('dir'),
      }),
      conversations: TableConversationStore.fromConnectionString(connectionString, {
        tableName: uniqueTableName('conv'),
      }),
      people: TablePeopleDirectory.fromConnectionString(connectionString, {
        tableName: uniqueTableName('ppl'),
      }),
    });
    await s.run(ids.olga, answerRequired(defineChallenge.id), 60_000);
    await s.run(ids.olga, { type: 'RequestGateReview', stageId: defineChallenge.id }, 120_000);

    const first = await s.remind(at(days(7, 1)));
    const again = await s.remind(at(days(7, 9)));

    expect(first.sent).toEqual([{ caseId: s.caseId, kind: 'pendingGate' }]);
    expect(again.sent).toEqual([]);
    expect(connector.sentActivities(s.conversationId)).toHaveLength(1);
    expect(connector.sentActivities(s.conversationId)[0]?.activity.text).toContain('<at>Mia Leder</at>');
    expect(await remindersIn(s.log, s.caseId)).toEqual([
      expect.objectContaining({ actorId: REMINDER_ACTOR, deliveryId: `reminder:${s.caseId}:2026-01-12` }),
    ]);
  });
});
