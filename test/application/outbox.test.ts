/**
 * The outbox protocol on both logs: a command's effects are written with its events, delivered once by
 * their owner or, after the lease, by whoever comes next, in order, and given up only when hopeless.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { CaseService } from '../../application/caseService';
import { MAX_ATTEMPTS, Outbox, type DeliveryResult, type EffectDelivery } from '../../application/outbox';
import { builtInTemplates, type CaseCommand, type CaseState } from '../../engine';
import type { Logger } from '../../platform/logger';
import type { EventLog, OutboxItem } from '../../storage/eventLog';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import { answerRequired, openCommand, people } from '../engine/caseSpecification';

const templates = builtInTemplates();
const T0 = Date.parse('2026-04-01T08:00:00.000Z');

const logs: [string, () => EventLog][] = [
  ['the in-memory log', () => new MemoryEventLog()],
  [
    'the Table Storage log on Azurite',
    () =>
      TableEventLog.fromConnectionString(inject('tablesConnectionString'), {
        eventsTableName: `obev${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        directoryTableName: `obdir${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      }),
  ],
];

/** A delivery that records what it was asked to deliver and can be told to fail. */
function recordingDelivery(): EffectDelivery & {
  delivered: string[];
  failWith?: Error;
  answer?: DeliveryResult;
} {
  const delivery = {
    delivered: [] as string[],
    failWith: undefined as Error | undefined,
    answer: undefined as DeliveryResult | undefined,
    deliver(item: OutboxItem, _state: CaseState): Promise<DeliveryResult> {
      if (delivery.failWith) return Promise.reject(delivery.failWith);
      delivery.delivered.push(item.effect.type);
      return Promise.resolve(delivery.answer ?? { status: 'delivered' });
    },
  };
  return delivery;
}

describe.each(logs)('the outbox on %s', (_name, makeLog) => {
  function setup() {
    const log = makeLog();
    let now = T0;
    const clock = (): Date => new Date(now);
    const warned: string[] = [];
    const logger: Logger = {
      info: () => undefined,
      warn: (message) => warned.push(message),
      error: (message) => warned.push(message),
    };
    const cases = new CaseService({ log, templates });
    const outbox = new Outbox({ log, clock, logger });
    const caseId = `case${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const run = (command: CaseCommand) =>
      cases.execute({ caseId, actorId: people.olga, at: clock().toISOString(), command });
    return {
      log,
      cases,
      outbox,
      caseId,
      warned,
      run,
      advance: (ms: number) => (now += ms),
      open: () =>
        cases.execute({
          caseId,
          actorId: people.olga,
          at: clock().toISOString(),
          command: openCommand({ caseId }),
        }),
    };
  }

  it('delivers a command’s own effects once and marks them delivered', async () => {
    const s = setup();
    const opened = await s.open();
    const delivery = recordingDelivery();

    const report = await s.outbox.deliverOwn(opened.outbox, opened.state, delivery);

    expect(report).toEqual({ delivered: 1, superseded: 0, abandoned: 0, left: 0 });
    expect(delivery.delivered).toEqual(['askNextPrompt']);
    expect(await s.log.pendingEffects(s.caseId)).toEqual([]);
    // Nothing is left for anybody else.
    s.advance(60_000);
    const later = await s.outbox.deliverLeftovers(s.caseId, opened.state, delivery, null);
    expect(later.delivered).toBe(0);
    expect(delivery.delivered).toEqual(['askNextPrompt']);
  });

  it('leaves what it could not deliver to whoever comes after the lease, and never before', async () => {
    const s = setup();
    const opened = await s.open();
    const failing = recordingDelivery();
    failing.failWith = new Error('connector down');

    expect((await s.outbox.deliverOwn(opened.outbox, opened.state, failing)).left).toBe(1);
    expect(s.warned).toContain('outbox: an effect could not be delivered; it is delivered later');

    const next = recordingDelivery();
    s.advance(10_000);
    expect((await s.outbox.deliverLeftovers(s.caseId, opened.state, next, null)).left).toBe(1);
    expect(next.delivered).toEqual([]);

    s.advance(25_000);
    expect((await s.outbox.deliverLeftovers(s.caseId, opened.state, next, null)).delivered).toBe(1);
    expect(next.delivered).toEqual(['askNextPrompt']);
    expect(await s.log.pendingEffects(s.caseId)).toEqual([]);
  });

  it('two deliverers after the lease: only one of them delivers', async () => {
    const s = setup();
    const opened = await s.open();
    s.advance(60_000);
    const first = recordingDelivery();
    const second = recordingDelivery();
    const other = new Outbox({
      log: s.log,
      clock: () => new Date(T0 + 60_000),
      logger: { info() {}, warn() {}, error() {} },
    });
    const reports = await Promise.all([
      s.outbox.deliverLeftovers(s.caseId, opened.state, first, null),
      other.deliverLeftovers(s.caseId, opened.state, second, null),
    ]);
    expect(first.delivered.length + second.delivered.length).toBe(1);
    expect(reports.reduce((sum, r) => sum + r.delivered, 0)).toBe(1);
  });

  it('keeps the order: a later effect waits while an earlier one is held by someone else', async () => {
    const s = setup();
    const opened = await s.open();
    s.advance(1_000);
    const answered = await s.run(answerRequired('define-challenge'));
    expect(answered.outbox).toEqual([]);
    const review = await s.cases.execute({
      caseId: s.caseId,
      actorId: people.olga,
      at: new Date(T0 + 2_000).toISOString(),
      command: { type: 'RequestGateReview', stageId: 'define-challenge' },
    });
    // The case's first question is still leased to its (slow) turn; the review card must not overtake it.
    const delivery = recordingDelivery();
    expect((await s.outbox.deliverLeftovers(s.caseId, review.state, delivery, null)).left).toBe(2);
    expect(delivery.delivered).toEqual([]);
    s.advance(60_000);
    await s.outbox.deliverLeftovers(s.caseId, review.state, delivery, null);
    expect(delivery.delivered).toEqual(['askNextPrompt', 'notifyDeciders']);
    expect(opened.outbox[0]?.id.localeCompare(review.outbox[0]?.id ?? '')).toBe(-1);
  });

  it('marks an effect the case has moved past as superseded, and shows nothing', async () => {
    const s = setup();
    const opened = await s.open();
    s.advance(60_000);
    const delivery = recordingDelivery();
    delivery.answer = { status: 'superseded', note: 'moved on' };
    const report = await s.outbox.deliverLeftovers(s.caseId, opened.state, delivery, null);
    expect(report).toEqual({ delivered: 0, superseded: 1, abandoned: 0, left: 0 });
    expect(await s.log.pendingEffects(s.caseId)).toEqual([]);
  });

  it(`gives an effect up after ${MAX_ATTEMPTS} attempts, and one older than a week, saying so`, async () => {
    const s = setup();
    const opened = await s.open();
    const failing = recordingDelivery();
    failing.failWith = new Error('403 the bot was removed');
    await s.outbox.deliverOwn(opened.outbox, opened.state, failing);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      s.advance(60_000);
      await s.outbox.deliverLeftovers(s.caseId, opened.state, failing, null);
    }
    s.advance(60_000);
    const report = await s.outbox.deliverLeftovers(s.caseId, opened.state, failing, null);
    expect(report.abandoned).toBe(1);
    expect(s.warned).toContain('outbox: an effect is given up and will not be delivered');
    expect(await s.log.pendingEffects(s.caseId)).toEqual([]);

    const stale = setup();
    const old = await stale.open();
    stale.advance(8 * 24 * 60 * 60 * 1000);
    expect(
      (await stale.outbox.deliverLeftovers(stale.caseId, old.state, recordingDelivery(), null)).abandoned,
    ).toBe(1);
  });

  it('reads nothing for a case whose effects it already found delivered (the head’s hint)', async () => {
    const s = setup();
    const opened = await s.open();
    await s.outbox.deliverOwn(opened.outbox, opened.state, recordingDelivery());
    const version = s.cases.effectsVersionOf(s.caseId);
    expect(version).toBe(opened.state.version);
    let reads = 0;
    const counting = new Outbox({
      log: {
        ...s.log,
        listCases: (f) => s.log.listCases(f),
        claimEffect: (i, o, u) => s.log.claimEffect(i, o, u),
        settleEffect: (i, x) => s.log.settleEffect(i, x),
        settleEffects: (settlements) => s.log.settleEffects(settlements),
        pendingEffects: (id) => {
          reads += 1;
          return s.log.pendingEffects(id);
        },
      },
      clock: () => new Date(T0),
      logger: { info() {}, warn() {}, error() {} },
    });
    await counting.deliverLeftovers(s.caseId, opened.state, recordingDelivery(), version);
    await counting.deliverLeftovers(s.caseId, opened.state, recordingDelivery(), version);
    expect(reads).toBe(1);
    // A case that never wrote effects is never read.
    await counting.deliverLeftovers('other', opened.state, recordingDelivery(), undefined);
    expect(reads).toBe(1);
  });

  it('knows a case has nothing left once it delivered a command’s own effects on a settled case', async () => {
    const s = setup();
    const opened = await s.open();
    await s.outbox.deliverOwn(opened.outbox, opened.state, recordingDelivery(), opened.effectsBefore);
    // Opening had no effects before it, so after delivering its own, nothing of the case is pending.
    expect(s.outbox.isSettled(s.caseId, s.cases.effectsVersionOf(s.caseId) ?? undefined)).toBe(true);

    s.advance(1_000);
    await s.run(answerRequired('define-challenge'));
    const next = await s.run({ type: 'RequestGateReview', stageId: 'define-challenge' });
    expect(next.outbox.length).toBeGreaterThan(0);
    await s.outbox.deliverOwn(next.outbox, next.state, recordingDelivery(), next.effectsBefore);
    expect(s.outbox.isSettled(s.caseId, next.state.version)).toBe(true);
  });

  it('still looks for leftovers when an earlier command’s effects were not delivered', async () => {
    const s = setup();
    const opened = await s.open();
    const failing = recordingDelivery();
    failing.failWith = new Error('connector down');
    await s.outbox.deliverOwn(opened.outbox, opened.state, failing, opened.effectsBefore);
    expect(s.outbox.isSettled(s.caseId, opened.state.version)).toBe(false);

    s.advance(1_000);
    const next = await s.run(answerRequired('define-challenge'));
    expect(next.effectsBefore).toBe(opened.state.version);
    await s.outbox.deliverOwn(next.outbox, next.state, recordingDelivery(), next.effectsBefore);
    // Its own are delivered, but the opening's question is still pending: not settled.
    expect(s.outbox.isSettled(s.caseId, next.state.version)).toBe(false);
    expect((await s.log.pendingEffects(s.caseId)).map((item) => item.effect.type)).toEqual(['askNextPrompt']);
  });
});
