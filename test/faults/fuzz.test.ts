/**
 * A seeded fuzz run against the real endpoint (/api/messages → CloudAdapter → InnovationBot) on Azurite:
 * bodies that are not activities, activities with fields of the wrong type, card actions with random
 * verbs and data (wrong types, arrays, nested objects, `__proto__`, 100,000-character strings, control
 * characters, markdown, HTML, mentions, `${x}`, `[link](javascript:…)`), and chat messages full of the
 * same.
 *
 * What must hold for every input: an HTTP status that fits (400 for what is not a well-formed activity,
 * 200 for a turn, never 500); no unhandled rejection, no failed turn, no "unexpected error"; nothing
 * recorded from invalid input (every case's version and the number of cases unchanged); every card the
 * bot answers with or posts validates (Adaptive Cards 1.5 schema and library) and shows what people
 * typed only escaped; chat replies carry no raw markup, control characters or fake mentions. At the end
 * every case's log verifies and no prototype was polluted.
 *
 * The seed is printed; FUZZ_SEED=<n> repeats a run exactly. Each failure names the seed, the category
 * and the case number.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS, INPUT_IDS } from '../../cards';
import { displayStrings, expectValidCard } from '../cards/cardValidation';
import { startBotHarness, type BotHarness, type HarnessResponse } from '../support/botHarness';
import type { ConnectorActivity } from '../support/connectorStub';
import {
  asConnectorMember,
  BOT_APP_ID,
  botAddedUpdate,
  cardActionInvoke,
  groupChat,
  installationUpdateAdd,
  messageActivity,
  teamsUser,
  type TeamsActivity,
  type TeamsConversation,
  type TeamsUser,
} from '../support/teamsActivities';
import { exchange, openCaseFromCard } from './botDriver';
import { faultServices, freshTables, type FaultServices } from './faultServices';
import { containsUnescaped, Fuzz, fuzzSeed, INVISIBLE, NEVER_RAW, pollutingObject } from './fuzzInput';
import { expectIntactLog } from './logChecks';

const SEED = fuzzSeed(20_260_302);
const COUNTS = { bodies: 300, fields: 250, cardActions: 300, messages: 200, secured: 100 };

const olga = teamsUser('Olga Owner');
const mia = teamsUser('Mia Manager');

let services: FaultServices;
let harness: BotHarness;
let conversation: TeamsConversation;
let caseId = '';
let otherCaseId = '';
/** Members whose display names are full of markup: names reach cards and mentions. */
let oddlyNamed: TeamsUser[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);
/** Every text that went in, as people typed it (for the "shown only escaped" checks). */
const typed = new Set<string>();

beforeAll(async () => {
  console.log(`fault fuzz: seed ${SEED} (FUZZ_SEED=${SEED} repeats this run)`);
  process.on('unhandledRejection', onRejection);
  services = faultServices(inject('tablesConnectionString'), freshTables());
  harness = await startBotHarness({ services });
  conversation = groupChat();
  const fuzz = new Fuzz(SEED);
  oddlyNamed = Array.from({ length: 3 }, (_, index) => {
    let name = '';
    while (name.trim().length < 3 || name.length > 200) name = fuzz.text(40);
    return teamsUser(`${index} ${name}`);
  });
  harness.connector.setMembers(conversation.id, [olga, mia, ...oddlyNamed].map(asConnectorMember));
  caseId = await openCaseFromCard(harness, conversation, olga, { title: 'Trygghetsalarm', managers: [mia] });
  for (const person of oddlyNamed) {
    typed.add(person.name);
    const joined = await harness.send(
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: person, text: 'bli med' }),
    );
    expect(joined.status).toBe(200);
  }
  const elsewhere = groupChat();
  otherCaseId = await openCaseFromCard(harness, elsewhere, olga, { title: 'Annen sak', managers: [mia] });
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await harness.close();
});

afterEach(() => {
  vi.restoreAllMocks();
  expect(rejections.splice(0), 'unhandled rejections').toEqual([]);
  const failedTurns = harness.logs.splice(0).filter((line) => line.message === 'A bot turn failed');
  expect(
    failedTurns.map((line) => String((line.details as { error?: unknown } | undefined)?.error)),
    'failed turns',
  ).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted'], 'Object.prototype polluted').toBeUndefined();
});

/** Appends that reached storage so far: any record, a case opened included, adds one. */
function recorded(): number {
  return services.log.appended;
}

/** Spies on console.error for "unexpected error" lines: each is a crash the bot papered over. */
function watchUnexpected(): { unexpected(): string[] } {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  return {
    unexpected: () =>
      spy.mock.calls
        .filter(([message]) => String(message).includes('Unexpected error'))
        .map((call) => String((call[1] as { error?: unknown } | undefined)?.error)),
  };
}

/**
 * Texts worth looking for unescaped: long enough not to occur by chance, and holding a character that
 * escaping changes wherever it stands (a `#` or `1.` only matters at the start of a line).
 */
function risky(): string[] {
  return [...typed].filter((text) => text.length >= 8 && /[\\`*_~[\]<>{]|&#?[a-zA-Z0-9]+;/.test(text));
}

function expectLiteralMarkdown(text: string, label: string): void {
  expect(INVISIBLE.test(text), `${label}: invisible character`).toBe(false);
  for (const { token, pattern } of NEVER_RAW)
    expect(pattern.test(text), `${label}: ${token} raw`).toBe(false);
}

/** A card the bot sent: valid, and what people typed is only ever shown escaped. */
function expectSafeCard(card: unknown, label: string): void {
  const adaptive = card as AdaptiveCard;
  expectValidCard(adaptive, label);
  const values = risky();
  for (const { text, path, markdown } of displayStrings(adaptive)) {
    expect(INVISIBLE.test(text), `${label}: invisible character at ${path}`).toBe(false);
    if (!markdown) continue;
    expectLiteralMarkdown(text, `${label} at ${path}`);
    for (const value of values) {
      expect(containsUnescaped(text, value), `${label}: ${JSON.stringify(value)} raw at ${path}`).toBe(false);
    }
  }
}

/** A chat message the bot posted: its cards are safe, its text has no raw markup and no fake mention. */
function expectSafeReply(reply: ConnectorActivity, label: string): void {
  for (const [index, attachment] of (reply.attachments ?? []).entries()) {
    expect(attachment.contentType, label).toBe('application/vnd.microsoft.card.adaptive');
    expectSafeCard(attachment.content, `${label} attachment ${index}`);
  }
  const text = reply.text ?? '';
  expectLiteralMarkdown(text, label);
  const mentions = (reply.entities ?? []).filter((entity) => entity.type === 'mention');
  const tags = text.match(/<at>.*?<\/at>/gs) ?? [];
  for (const tag of tags) {
    expect(
      mentions.some((mention) => mention.text === tag),
      `${label}: ${tag} is not a mention`,
    ).toBe(true);
  }
}

/** An invoke response: a card (safe) or a message, with the status the adapter chose. */
function expectSafeInvokeResponse(response: HarnessResponse, label: string): void {
  expect([200, 400], `${label}: status`).toContain(response.status);
  if (response.status !== 200) return;
  const body = response.body as { type?: string; value?: unknown };
  if (body.type === 'application/vnd.microsoft.card.adaptive') {
    expectSafeCard(body.value, label);
  } else {
    expect(body.type, label).toBe('application/vnd.microsoft.activity.message');
    expect(typeof body.value, label).toBe('string');
    expect(INVISIBLE.test(String(body.value)), `${label}: invisible character`).toBe(false);
  }
}

function describeInput(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}… (${text.length} chars)` : text);
}

// ── Bodies that are not activities ─────────────────────────────────────────────────────────────────

function notAnActivity(fuzz: Fuzz): string {
  const valid = JSON.stringify(
    messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'idé: x' }),
  );
  switch (fuzz.int(9)) {
    case 0:
      return fuzz.text(200);
    case 1:
      return valid.slice(0, fuzz.int(valid.length));
    case 2:
      return `${valid}${fuzz.pick(['x', ',', '}', ']', '{"type":"message"}', 'NaN'])}`;
    case 3:
      return JSON.stringify(fuzz.notAnObject());
    case 4: {
      const activity = JSON.parse(valid) as Record<string, unknown>;
      if (fuzz.chance(0.3)) delete activity['type'];
      else activity['type'] = fuzz.chance(0.3) ? '' : fuzz.notAString();
      return JSON.stringify(activity);
    }
    case 5: {
      const depth = fuzz.pick([1_000, 50_000, 500_000]);
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    }
    case 6:
      return `${valid.slice(0, -1)},"type":${JSON.stringify(fuzz.wrongType())}}`;
    case 7:
      return fuzz.pick(['', ' ', '\n', 'null', 'undefined', '{}', '{"type":null}']);
    default:
      return valid.replace('"message"', fuzz.pick(['NaN', 'Infinity', "'message'", 'message']));
  }
}

describe(`fuzz, seed ${SEED}`, () => {
  it(`answers ${COUNTS.bodies} bodies that are not activities with 400 (413 past the size limit), and runs nothing`, async () => {
    const fuzz = new Fuzz(SEED + 1);
    const watch = watchUnexpected();
    const before = recorded();
    const requests = harness.connector.requests.length;

    for (let index = 0; index < COUNTS.bodies; index += 1) {
      const body = notAnActivity(fuzz);
      const label = `seed ${SEED} body #${index} ${describeInput(body)}`;
      const response = await harness.sendRaw(body);
      // A body past MESSAGES_MAX_BODY_BYTES (the 500,000-deep nesting) is cut off before it is parsed.
      expect(response.status, label).toBe(Buffer.byteLength(body) > 256 * 1024 ? 413 : 400);
      expect(response.body, label).toEqual({ error: expect.any(String) as string });
    }

    expect(harness.connector.requests.length).toBe(requests);
    expect(recorded()).toBe(before);
    expect(watch.unexpected()).toEqual([]);
  });

  // ── Activities with fields of the wrong type ─────────────────────────────────────────────────────

  it(`answers ${COUNTS.fields} activities with a field of the wrong type or missing with 400, and records nothing`, async () => {
    const fuzz = new Fuzz(SEED + 2);
    const watch = watchUnexpected();
    const before = recorded();
    const requests = harness.connector.requests.length;
    const mads = oddlyNamed[0] ?? olga;
    const bases: (() => TeamsActivity)[] = [
      () => messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'idé: x' }),
      () =>
        messageActivity({
          serviceUrl: harness.serviceUrl,
          conversation,
          from: olga,
          text: `leder @${mads.name}`,
          mentions: [mads],
        }),
      () =>
        cardActionInvoke({
          serviceUrl: harness.serviceUrl,
          conversation,
          from: olga,
          verb: CARD_VERBS.recordDocumentation,
          data: {
            caseId,
            stageId: 'define-challenge',
            round: 1,
            [INPUT_IDS.answer('challenge')]: 'Ventelister',
          },
        }),
      () => installationUpdateAdd({ serviceUrl: harness.serviceUrl, conversation: groupChat(), from: olga }),
      () => botAddedUpdate({ serviceUrl: harness.serviceUrl, conversation: groupChat(), from: olga }),
    ];
    type Mutation = (activity: Record<string, unknown>) => string;
    const set =
      (path: string[], value: () => unknown, onlyFor?: string): Mutation =>
      (activity) => {
        // A message's `value` is free-form (what an Action.Submit sent): only an invoke's is checked.
        if (onlyFor !== undefined && activity['type'] !== onlyFor) return '(not applicable)';
        let target = activity;
        for (const key of path.slice(0, -1)) {
          const next = target[key];
          if (typeof next !== 'object' || next === null) return '(not applicable)';
          target = next as Record<string, unknown>;
        }
        const last = path.at(-1) ?? '';
        const wrong = value();
        if (wrong === undefined) delete target[last];
        else target[last] = wrong;
        return `${path.join('.')} = ${describeInput(wrong)}`;
      };
    const notString = () => fuzz.wrongType();
    const notObject = () => fuzz.notAnObject();
    /** Not a list of objects: a scalar or an object where a list goes, or a list holding a scalar. */
    const notList = () =>
      fuzz.chance(0.5)
        ? fuzz.pick([fuzz.pick([0, true, 'mention']), { 0: { type: 'mention' } }])
        : [{ type: 'clientInfo' }, fuzz.pick([5, 'x', null, true, [{}]])];
    const missing = () => undefined;
    const mutations: Mutation[] = [
      set(['id'], notString),
      set(['text'], notString),
      set(['locale'], notString),
      set(['serviceUrl'], notString),
      set(['serviceUrl'], missing),
      set(['channelId'], notString),
      set(['from'], notObject),
      set(['from'], missing),
      set(['from', 'id'], notString),
      set(['from', 'name'], notString),
      set(['from', 'aadObjectId'], notString),
      set(['recipient'], notObject),
      set(['recipient'], missing),
      set(['recipient', 'id'], notString),
      set(['conversation'], notObject),
      set(['conversation'], missing),
      set(['conversation', 'id'], notString),
      set(['entities'], notList),
      set(['entities', '1'], notObject),
      set(['entities', '1', 'text'], notString),
      set(['entities', '1', 'mentioned'], notObject),
      set(['entities', '1', 'mentioned', 'id'], notString),
      set(['entities', '1', 'mentioned', 'name'], notString),
      set(['attachments'], notList),
      set(['channelData'], notObject),
      set(['membersAdded'], notList),
      set(['membersAdded', '0'], notObject),
      set(['membersAdded', '0', 'id'], notString),
      set(['value'], notObject, 'invoke'),
      set(['value', 'action'], notObject, 'invoke'),
      set(['name'], notString),
      set(['replyToId'], notString),
    ];

    let applied = 0;
    for (let index = 0; applied < COUNTS.fields; index += 1) {
      const activity = fuzz.pick(bases)() as Record<string, unknown>;
      const change = fuzz.pick(mutations)(activity);
      if (change === '(not applicable)') continue;
      applied += 1;
      const label = `seed ${SEED} activity #${index} ${String(activity['type'])}: ${change}`;
      const response = await harness.send(activity);
      expect(response.status, label).toBe(400);
    }

    expect(harness.connector.requests.length).toBe(requests);
    expect(recorded()).toBe(before);
    expect(watch.unexpected()).toEqual([]);
  });

  // ── Card actions ─────────────────────────────────────────────────────────────────────────────────

  it(`answers ${COUNTS.cardActions} card actions with random verbs and data cleanly, recording nothing from invalid ones`, async () => {
    const fuzz = new Fuzz(SEED + 3);
    const watch = watchUnexpected();
    const verbs = Object.values(CARD_VERBS);
    const stageEnvelope = () => ({ caseId, stageId: 'define-challenge', round: 1 });
    const textFields = [
      'challenge',
      'affected-services',
      'resources',
      'involved-so-far',
      'knowledge-gathered',
    ];
    const overLimit = () =>
      fuzz.chance(0.5) ? 'x'.repeat(100_001) : `${fuzz.text(50)}${'y'.repeat(20_001)}`;

    /** Invalid by construction: each returns the data and whether it may record (only "valid"). */
    const kinds: (() => { value: unknown; valid?: boolean })[] = [
      // The invoke value itself is not what Teams sends.
      () => ({ value: fuzz.notAnObject() }),
      () => ({ value: { action: fuzz.notAnObject() } }),
      () => ({ value: { action: { type: fuzz.anyValue(), verb: fuzz.pick(verbs), data: stageEnvelope() } } }),
      // An unknown verb, or one of the wrong type.
      () => ({
        value: {
          action: { type: 'Action.Execute', verb: fuzz.chance(0.5) ? fuzz.text(30) : fuzz.notAString() },
        },
      }),
      // A known verb with data that is not an object, or that carries prototype-polluting keys.
      () => ({
        value: { action: { type: 'Action.Execute', verb: fuzz.pick(verbs), data: fuzz.notAnObject() } },
      }),
      () => ({
        value: {
          action: {
            type: 'Action.Execute',
            verb: fuzz.pick(verbs),
            data: { ...stageEnvelope(), ...(pollutingObject() as object) },
          },
        },
      }),
      // A known verb naming a case that is not there, not here, or not an id at all.
      () => ({
        value: {
          action: {
            type: 'Action.Execute',
            verb: fuzz.pick(verbs.filter((v) => v !== 'openCase' && v !== 'showOpenCaseForm')),
            data: {
              ...stageEnvelope(),
              requestSeq: 1,
              version: 1,
              outcome: 'approve',
              caseId: fuzz.pick([
                otherCaseId,
                'c000000000000000000000000',
                fuzz.text(40),
                fuzz.notAString(),
                'x'.repeat(100_001),
              ]),
            },
          },
        },
      }),
      // The stage form with a number where text goes, an over-long answer, an unknown choice, a stale round.
      () => {
        const data: Record<string, unknown> = stageEnvelope();
        const problem = fuzz.int(5);
        if (problem === 0) data[INPUT_IDS.answer(fuzz.pick(textFields))] = fuzz.wrongType();
        if (problem === 1) data[INPUT_IDS.answer(fuzz.pick(textFields))] = overLimit();
        if (problem === 2)
          data[INPUT_IDS.answer(fuzz.pick(['trigger', 'idea-source', 'users-involved']))] = fuzz.text(30);
        if (problem === 3) data['round'] = fuzz.pick([0, -1, 1.5, '1', 99, null, [1]]);
        if (problem === 4) data['stageId'] = fuzz.pick(['rollout', fuzz.text(20), fuzz.notAString()]);
        if (problem !== 3 && problem !== 4)
          data[INPUT_IDS.notApplicable('challenge')] = fuzz.pick([undefined, 5]);
        return { value: execute(CARD_VERBS.recordDocumentation, data) };
      },
      // The open-case form without a usable title, or with managers, language or template that are not.
      () => {
        const ids = INPUT_IDS.openCase;
        const data: Record<string, unknown> = { [ids.title]: 'Ny sak' };
        const problem = fuzz.int(6);
        if (problem === 0) data[ids.title] = fuzz.pick([undefined, fuzz.controlsOnly(), fuzz.wrongType()]);
        if (problem === 1) data[ids.title] = `${fuzz.text(20)}${'t'.repeat(201)}`;
        if (problem === 2) {
          const tooMany = Array.from({ length: 30 }, (_, i) => `p${i}`).join(',');
          data[ids.managers] = fuzz.pick(['a\u0000b', fuzz.wrongType(), tooMany]);
        }
        if (problem === 3) data[ids.language] = fuzz.pick(['de', 'xx', 'NB!', fuzz.wrongType()]);
        if (problem === 4)
          data[ids.template] = fuzz.pick(['Not a template!', 'unknownTemplate', fuzz.wrongType()]);
        if (problem === 5) data[ids.unit] = fuzz.pick([fuzz.wrongType(), 'u'.repeat(100_001)]);
        return { value: execute(CARD_VERBS.openCase, data) };
      },
      // A gate decision when no gate is waiting, or with an outcome or request that is not one.
      () => ({
        value: execute(CARD_VERBS.decideGate, {
          caseId,
          stageId: 'define-challenge',
          requestSeq: fuzz.pick([1, 2, 0, '1', fuzz.notAString()]),
          outcome: fuzz.pick(['approve', 'sendBack', 'pause', fuzz.text(10), fuzz.notAString()]),
          [INPUT_IDS.decision.sendBackReason]: fuzz.text(80),
          [INPUT_IDS.decision.conditions]: fuzz.text(80),
        }),
      }),
      // A review request before the stage is answered: refused by the engine, nothing recorded.
      () => ({
        value: execute(CARD_VERBS.requestReview, { ...stageEnvelope(), version: fuzz.pick([1, 5, 99]) }),
      }),
      // Views that record nothing, showing what earlier inputs left in the case (escaped).
      () => ({
        value: execute(
          fuzz.pick([
            CARD_VERBS.showStatus,
            CARD_VERBS.refreshStatus,
            CARD_VERBS.showStageForm,
            CARD_VERBS.switchCase,
            CARD_VERBS.joinCase,
            CARD_VERBS.refreshApproval,
            CARD_VERBS.showOpenCaseForm,
          ]),
          { caseId, stageId: 'define-challenge', requestSeq: 1, version: fuzz.pick([1, 2, 3]) },
        ),
      }),
      // Valid answers full of markup: recorded as typed, shown escaped.
      () => {
        const challenge = fuzz.text(300);
        const knowledge = fuzz.text(300);
        typed.add(challenge.trim());
        typed.add(knowledge.trim());
        return {
          value: execute(CARD_VERBS.recordDocumentation, {
            ...stageEnvelope(),
            [INPUT_IDS.answer('challenge')]: challenge,
            [INPUT_IDS.answer('knowledge-gathered')]: knowledge,
          }),
          valid: true,
        };
      },
    ];

    const unchanged: { label: string; before: unknown; after: unknown }[] = [];
    for (let index = 0; index < COUNTS.cardActions; index += 1) {
      const kind = fuzz.int(kinds.length);
      const { value, valid } = (kinds[kind] ?? kinds[0]!)();
      const from = fuzz.pick([olga, mia, ...oddlyNamed]);
      const activity = {
        ...cardActionInvoke({ serviceUrl: harness.serviceUrl, conversation, from, verb: 'x' }),
        value,
      };
      const label = `seed ${SEED} card action #${index} (kind ${kind}) ${describeInput(value)}`;
      const before = recorded();
      const sent = await exchange(harness, activity);
      expectSafeInvokeResponse(sent, label);
      for (const [replyIndex, reply] of [...sent.replies, ...sent.updates].entries()) {
        expectSafeReply(reply, `${label} reply ${replyIndex}`);
      }
      // A refused action records nothing (a valid one may).
      unchanged.push(...(valid === true ? [] : [{ label, before, after: recorded() }]));
    }
    expect(unchanged.length, 'invalid card actions sent').toBeGreaterThan(0);
    for (const { label, before, after } of unchanged)
      expect(after, `${label}: recorded something`).toBe(before);

    expect(watch.unexpected()).toEqual([]);
  });

  // ── Chat messages ────────────────────────────────────────────────────────────────────────────────

  it(`answers ${COUNTS.messages} chat messages full of markup cleanly, and records nothing from the invalid ones`, async () => {
    const fuzz = new Fuzz(SEED + 4);
    const watch = watchUnexpected();
    const commands = [
      '',
      'idé: ',
      'barriere ',
      'barriere turnus: ',
      'ny sak ',
      'status',
      'hjelp',
      'neste',
      'bytt ',
      'saker',
      'ikke relevant, fordi ',
      'hopp over',
      'skjema',
      'be om vurdering',
      'trekk forespørselen ',
      'pause ',
      'gjenoppta',
      'bli med',
      'idea: ',
      'new case ',
    ];

    for (let index = 0; index < COUNTS.messages; index += 1) {
      const from = fuzz.pick([olga, olga, ...oddlyNamed]);
      const invalid = fuzz.chance(0.2);
      const command = fuzz.pick(commands);
      const rest = invalid
        ? fuzz.pick([fuzz.controlsOnly(), 'x'.repeat(100_001), `${fuzz.controlsOnly()}  `])
        : fuzz.text(200);
      const text = invalid
        ? fuzz.pick([`idé: ${rest}`, `barriere ${rest}`, `ny sak ${rest}`, rest])
        : `${command}${rest}`;
      if (!invalid) typed.add(rest.trim());
      const label = `seed ${SEED} message #${index}${invalid ? ' (invalid)' : ''} ${describeInput(text)}`;
      const before = invalid ? recorded() : undefined;

      const activity = messageActivity({ serviceUrl: harness.serviceUrl, conversation, from, text });
      const sent = await exchange(harness, activity);

      expect(sent.status, label).toBe(200);
      for (const [replyIndex, reply] of [...sent.replies, ...sent.updates].entries()) {
        expectSafeReply(reply, `${label} reply ${replyIndex}`);
      }
      if (before !== undefined) {
        // The one thing an invalid message may leave: its sender joining the case (the bot joins people
        // on their first action, before the engine looks at the action; reported as a question).
        const appends = services.log.accepted.slice(before).map((request) => ({
          deliveryId: request.deliveryId,
          events: request.events.map((event) => `${event.type}:${'role' in event ? event.role : ''}`),
        }));
        for (const append of appends) {
          expect(append, `${label}: recorded something`).toEqual({
            deliveryId: `${String(activity.id)}:join`,
            events: ['RoleAssigned:member'],
          });
        }
      }
    }

    expect(watch.unexpected()).toEqual([]);
    for await (const summary of services.log.listCases()) await expectIntactLog(services.log, summary.caseId);
  });
});

describe('activities that crashed a turn before the endpoint checked their shape', () => {
  it('are answered 400 and run nothing (a card action with a value that is not an object was a 500)', async () => {
    const watch = watchUnexpected();
    const message = () =>
      messageActivity({ serviceUrl: harness.serviceUrl, conversation, from: olga, text: 'idé: x' });
    const invoke = () =>
      cardActionInvoke({
        serviceUrl: harness.serviceUrl,
        conversation,
        from: olga,
        verb: CARD_VERBS.showStatus,
      });
    const crashers: Record<string, Record<string, unknown>> = {
      'text as a number (TypeError: text.split)': { ...message(), text: 42 },
      'a null entity (TypeError reading "type")': { ...message(), entities: [null] },
      'no "from" (the reply said "something failed")': { ...message(), from: undefined },
      'no "recipient"': { ...message(), recipient: undefined },
      'no "conversation" (TypeError reading "id")': { ...message(), conversation: undefined },
      'an object as the activity id (rejected by the connector client)': { ...message(), id: { a: 1 } },
      'a number as the locale (rejected by the connector client)': { ...message(), locale: 5 },
      'membersAdded as a string (TypeError: some is not a function)': {
        ...botAddedUpdate({ serviceUrl: harness.serviceUrl, conversation: groupChat(), from: olga }),
        membersAdded: 'x',
      },
      'a card action whose value is a list (500)': { ...invoke(), value: [1, 2] },
      'a card action whose value is a string (500)': { ...invoke(), value: 'approve' },
      'a card action whose action is null (500)': { ...invoke(), value: { action: null } },
    };
    const before = recorded();
    const requests = harness.connector.requests.length;

    for (const [name, activity] of Object.entries(crashers)) {
      const response = await harness.send(activity);
      expect(response.status, name).toBe(400);
      expect(response.body, name).toEqual({ error: expect.any(String) as string });
    }

    expect(harness.connector.requests.length).toBe(requests);
    expect(recorded()).toBe(before);
    expect(watch.unexpected()).toEqual([]);
  });
});

describe(`fuzz with an app id configured, seed ${SEED}`, () => {
  let secured: BotHarness;
  beforeAll(async () => {
    secured = await startBotHarness({ services, appId: BOT_APP_ID });
  });
  afterAll(() => secured.close());

  it(`answers ${COUNTS.secured} requests without a valid token with 401, before their bodies are even parsed`, async () => {
    const fuzz = new Fuzz(SEED + 5);
    // CloudAdapter prints every 401 it answers, stack and all.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = recorded();

    for (let index = 0; index < COUNTS.secured; index += 1) {
      const wellFormed = fuzz.chance(0.6);
      const body = wellFormed
        ? JSON.stringify(
            fuzz.chance(0.5)
              ? messageActivity({
                  serviceUrl: secured.serviceUrl,
                  conversation,
                  from: olga,
                  text: fuzz.text(80),
                })
              : cardActionInvoke({
                  serviceUrl: secured.serviceUrl,
                  conversation,
                  from: olga,
                  verb: fuzz.pick(Object.values(CARD_VERBS)),
                  data: { caseId, stageId: 'define-challenge', round: 1 },
                }),
          )
        : notAnActivity(fuzz);
      const authorization = fuzz.pick([
        undefined,
        'Bearer not-a-token',
        `Bearer ${Buffer.from(fuzz.text(40)).toString('base64')}`,
        'Basic x',
      ]);
      const label = `seed ${SEED} secured #${index} ${describeInput(body)} auth ${describeInput(authorization)}`;
      const response = await secured.sendRaw(body, {
        ...(authorization !== undefined && { headers: { authorization } }),
      });
      // The token is checked before the body is read, so what the body is does not matter.
      expect(response.status, label).toBe(401);
    }

    expect(secured.connector.requests).toHaveLength(0);
    expect(recorded()).toBe(before);
  });
});

function execute(verb: string, data: Record<string, unknown>): unknown {
  return { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
}
