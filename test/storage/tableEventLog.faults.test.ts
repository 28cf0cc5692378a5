/**
 * The case log on Azurite behind a fault proxy, with the storage SDK's retries and deadlines as they are
 * configured in production: a transaction whose answer is lost after it committed, one reset before it
 * arrived, one that hangs, one that lands after the app gave up on it, and the same for the outbox's own
 * writes. What must hold: a write that landed is recognised as the writer's own (never as an earlier
 * delivery, never written twice), a write that did not land is not reported as done, and nothing waits
 * past its deadline.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CaseService } from '../../application/caseService';
import { builtInTemplates } from '../../engine';
import { withDeadline } from '../../platform/deadline';
import { createTableClient } from '../../runtime/tables';
import { StorageUnavailableError } from '../../storage/eventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import { answerRequired, openCommand, people } from '../engine/caseSpecification';
import { isTransaction, startFaultProxy, upstreamOf, type FaultProxy } from '../support/faultProxy';
import { uniqueTableName } from '../support/tableServices';

const templates = builtInTemplates();
let proxy: FaultProxy;

beforeAll(async () => {
  proxy = await startFaultProxy(upstreamOf(inject('tablesConnectionString')));
});
afterAll(() => proxy.close());

function setup(): {
  log: TableEventLog;
  direct: TableEventLog;
  cases: CaseService;
  caseId: string;
  warnings: string[];
} {
  const events = uniqueTableName('fev');
  const directory = uniqueTableName('fdir');
  const warnings: string[] = [];
  const through = (connectionString: string) =>
    new TableEventLog(
      createTableClient(connectionString, events),
      createTableClient(connectionString, directory),
      (message) => warnings.push(message),
    );
  const log = through(proxy.connectionString);
  return {
    log,
    direct: through(inject('tablesConnectionString')),
    cases: new CaseService({ log, templates }),
    caseId: uniqueTableName('case'),
    warnings,
  };
}

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 2, 8, minute)).toISOString();

/** Matches the transaction that writes an event of this type. */
const writing =
  (eventType: string) =>
  (request: { method: string; path: string; body: string }): boolean =>
    isTransaction(request) && request.body.includes(`"type":"${eventType}"`);

describe('an append whose answer is lost after it committed', () => {
  it('is the command’s own outcome, with its effects, recorded once', async () => {
    const { cases, direct, caseId, warnings } = setup();
    const fault = proxy.inject({ fault: 'resetAfterCommit', when: writing('CaseOpened'), times: 1 });

    const outcome = await cases.execute({
      caseId,
      actorId: people.olga,
      at: at(0),
      deliveryId: 'activity-1',
      command: openCommand({ caseId }),
    });

    expect(fault.hits).toBe(1);
    expect(outcome.duplicate).toBe(false);
    expect(outcome.effects).toEqual([{ type: 'askNextPrompt', stageId: 'define-challenge' }]);
    expect(outcome.outbox.map((item) => item.effect.type)).toEqual(['askNextPrompt']);
    expect((await direct.readHead(caseId))?.version).toBe(outcome.state.version);
    expect(await direct.pendingEffects(caseId)).toHaveLength(1);
    expect((await direct.verify(caseId)).ok).toBe(true);
    expect(warnings).toContain('An append was answered with an error but had landed; it counts as done.');

    // The head it remembers may be stale; the next command still lands, on the right version.
    const next = await cases.execute({
      caseId,
      actorId: people.olga,
      at: at(1),
      deliveryId: 'activity-2',
      command: answerRequired('define-challenge'),
    });
    expect(next.events[0]?.seq).toBe(outcome.state.version + 1);
    expect((await direct.verify(caseId)).ok).toBe(true);
  });

  it('a real redelivery of the same activity afterwards is still a duplicate, with nothing written', async () => {
    const { cases, direct, caseId } = setup();
    proxy.inject({ fault: 'resetAfterCommit', when: writing('CaseOpened'), times: 1 });
    const envelope = {
      caseId,
      actorId: people.olga,
      at: at(0),
      deliveryId: 'activity-1',
      command: openCommand({ caseId }),
    };
    await cases.execute(envelope);
    const again = await new CaseService({ log: direct, templates }).execute(envelope);
    expect(again.duplicate).toBe(true);
    expect(again.outbox).toEqual([]);
    expect((await direct.readHead(caseId))?.version).toBe(again.state.version);
  });
});

describe('an append reset before it reached storage', () => {
  it('is sent again by the SDK and lands once', async () => {
    const { cases, direct, caseId } = setup();
    const fault = proxy.inject({ fault: 'resetBeforeForward', when: writing('CaseOpened'), times: 1 });
    const outcome = await cases.execute({
      caseId,
      actorId: people.olga,
      at: at(0),
      deliveryId: 'activity-1',
      command: openCommand({ caseId }),
    });
    expect(fault.hits).toBe(1);
    expect(outcome.duplicate).toBe(false);
    expect((await direct.readHead(caseId))?.version).toBe(outcome.state.version);
    expect((await direct.verify(caseId)).ok).toBe(true);
  });
});

describe('an append that hangs', () => {
  it('is given up within the work’s deadline and reported as “not known whether saved”', async () => {
    const { cases, direct, caseId } = setup();
    const fault = proxy.inject({ fault: 'hold', when: writing('CaseOpened') });
    const started = performance.now();
    const error = await withDeadline(4_500, () =>
      cases.execute({
        caseId,
        actorId: people.olga,
        at: at(0),
        deliveryId: 'activity-1',
        command: openCommand({ caseId }),
      }),
    ).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    fault.remove();

    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as StorageUnavailableError).outcomeUnknown).toBe(true);
    expect((error as StorageUnavailableError).text.en).toContain('cannot tell whether this was saved');
    expect(elapsed).toBeLessThan(5_000);
    expect(await direct.readHead(caseId)).toBeUndefined();
  });

  it('without a deadline of its own, still ends: every storage call has one', async () => {
    const { log, caseId } = setup();
    const fault = proxy.inject({ fault: 'hold', when: (request) => request.method === 'GET' });
    const started = performance.now();
    const error = await log.readHead(caseId).catch((e: unknown) => e);
    fault.remove();
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});

describe('an append that lands after the app gave up waiting for it', () => {
  it('is recognised as its own when it is sent again: recorded once, reported as done', async () => {
    const { cases, direct, caseId } = setup();
    // The first send is held past the 3 s a call may take, and carried out 1.5 s after the app gave up on
    // it (time enough for the app to look, find nothing yet and send again, even on a loaded machine); the
    // second send is held until after that landing and is then refused (the head moved on): the log
    // finds its own rows and counts the append as done.
    const fault = proxy.inject({ fault: 'late', when: writing('CaseOpened'), times: 1, delayMs: 4_500 });
    const second = proxy.inject({ fault: 'late', when: writing('CaseOpened'), times: 1, delayMs: 2_500 });
    const outcome = await withDeadline(12_000, () =>
      cases.execute({
        caseId,
        actorId: people.olga,
        at: at(0),
        deliveryId: 'activity-1',
        command: openCommand({ caseId }),
      }),
    );
    expect(fault.hits).toBe(1);
    // Whether the app sent again before it saw the late landing depends on the machine's speed (on a
    // loaded one the look finds the landed rows first); either way the append is its own and done once.
    expect(second.hits).toBeLessThanOrEqual(1);
    expect(outcome.duplicate).toBe(false);
    expect(outcome.outbox).toHaveLength(1);
    const head = await direct.readHead(caseId);
    expect(head?.version).toBe(outcome.state.version);
    expect((await direct.verify(caseId)).ok).toBe(true);
    expect(await direct.pendingEffects(caseId)).toHaveLength(1);
  });
});

describe('the outbox’s own writes', () => {
  it('a claim whose answer is lost is still the claimer’s, and a settle whose answer is lost is done', async () => {
    const { cases, log, direct, caseId } = setup();
    await cases.execute({ caseId, actorId: people.olga, at: at(0), command: openCommand({ caseId }) });
    const [item] = await log.pendingEffects(caseId);
    if (!item) throw new Error('an effect was written');

    proxy.inject({
      fault: 'resetAfterCommit',
      when: (r) => r.method === 'PATCH' || r.method === 'MERGE',
      times: 1,
    });
    const claimed = await log.claimEffect(item, 'sweeper', at(5));
    expect(claimed).toMatchObject({ leaseOwner: 'sweeper', leaseUntil: at(5), attempts: 2 });
    // Someone else holding the old row loses.
    expect(await log.claimEffect(item, 'other', at(6))).toBeUndefined();

    proxy.inject({
      fault: 'resetAfterCommit',
      when: (r) => r.method === 'PATCH' || r.method === 'MERGE',
      times: 1,
    });
    await log.settleEffect(claimed!, { status: 'delivered', at: at(1), activityId: 'posted-1' });
    expect(await direct.pendingEffects(caseId)).toEqual([]);
  });

  it('marks a turn’s effects in one transaction, and one whose answer is lost is done', async () => {
    const { cases, log, direct, caseId } = setup();
    await cases.execute({ caseId, actorId: people.olga, at: at(0), command: openCommand({ caseId }) });
    await cases.execute({
      caseId,
      actorId: people.olga,
      at: at(1),
      command: answerRequired('define-challenge'),
    });
    await cases.execute({
      caseId,
      actorId: people.olga,
      at: at(2),
      command: { type: 'RequestGateReview', stageId: 'define-challenge' },
    });
    const items = await log.pendingEffects(caseId);
    expect(items.length).toBeGreaterThanOrEqual(2);

    proxy.inject({ fault: 'resetAfterCommit', when: isTransaction, times: 1 });
    const seenBefore = proxy.seen.length;
    await log.settleEffects(
      items.map((item) => ({ item, settlement: { status: 'delivered' as const, at: at(3) } })),
    );

    // One transaction, sent twice: the SDK's retry after the lost answer (merges: harmless).
    const sent = proxy.seen.slice(seenBefore);
    expect(sent.every(isTransaction)).toBe(true);
    expect(sent).toHaveLength(2);
    expect(await direct.pendingEffects(caseId)).toEqual([]);
  });
});
