import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { CaseCommand } from '../../engine';
import { builtInTemplates, isDomainError } from '../../engine';
import type { CommandEnvelope } from '../../application/caseService';
import { CaseBusyError, CaseService } from '../../application/caseService';
import type { EventLog } from '../../storage/eventLog';
import { ConcurrencyConflictError } from '../../storage/eventLog';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import { answerRequired, openCommand, people } from '../engine/caseSpecification';

const templates = builtInTemplates();
const { olga, mads, mia, mats } = people;

function uniqueName(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

const logs: [string, () => EventLog][] = [
  ['the in-memory log', () => new MemoryEventLog()],
  [
    'the Table Storage log on Azurite',
    () =>
      TableEventLog.fromConnectionString(inject('tablesConnectionString'), {
        eventsTableName: uniqueName('ev'),
        directoryTableName: uniqueName('dir'),
      }),
  ],
];

describe.each(logs)('the case service on %s', (_name, makeLog) => {
  function setup(): {
    service: CaseService;
    log: EventLog;
    caseId: string;
    run: (actorId: string, command: CaseCommand, deliveryId?: string) => ReturnType<CaseService['execute']>;
  } {
    const log = makeLog();
    const service = new CaseService({ log, templates });
    const caseId = uniqueName('case');
    let minute = 0;
    const run = (actorId: string, command: CaseCommand, deliveryId?: string) => {
      minute += 1;
      const envelope: CommandEnvelope = {
        caseId,
        command,
        actorId,
        at: new Date(Date.UTC(2026, 0, 5, 8, minute)).toISOString(),
        ...(deliveryId !== undefined && { deliveryId }),
      };
      return service.execute(envelope);
    };
    return { service, log, caseId, run };
  }

  it('opens a case and reads it back with one head read', async () => {
    const { service, caseId, run } = setup();
    const outcome = await run(olga, openCommand({ caseId }));
    expect(outcome.duplicate).toBe(false);
    expect(outcome.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(outcome.effects).toEqual([{ type: 'askNextPrompt', stageId: 'define-challenge' }]);
    const state = await service.getCase(caseId);
    expect(state?.currentStageId).toBe('define-challenge');
    expect(state?.version).toBe(5);
  });

  it('records a redelivered command once and returns the first outcome', async () => {
    const { log, caseId, run } = setup();
    await run(olga, openCommand({ caseId }), 'activity-open');
    await run(mads, { type: 'JoinCase' });
    const first = await run(mads, answerRequired('define-challenge'), 'activity-1');
    const again = await run(mads, answerRequired('define-challenge'), 'activity-1');
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.seq)).toEqual(first.events.map((e) => e.seq));
    expect(again.effects).toEqual([]);
    const head = await log.readHead(caseId);
    expect(head?.version).toBe(first.events.at(-1)?.seq);
  });

  it('returns the first outcome for a redelivered approval even though the gate has moved on', async () => {
    const { caseId, run } = setup();
    await run(olga, openCommand({ caseId }));
    await run(mads, { type: 'JoinCase' });
    await run(mads, answerRequired('define-challenge'));
    await run(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    const approve: CaseCommand = {
      type: 'DecideGate',
      stageId: 'define-challenge',
      decision: { outcome: 'approve' },
    };
    const first = await run(mia, approve, 'invoke-approve');
    // Push the delivery out of the head's recent list, so it is found through its own row.
    for (let i = 0; i < 40; i += 1) {
      await run(mads, { type: 'RecordIdea', ideaId: `idea-${i}`, text: `Idé ${i}` }, `idea-delivery-${i}`);
    }
    const again = await run(mia, approve, 'invoke-approve');
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.event.type)).toEqual(first.events.map((e) => e.event.type));
  });

  it('passes refusals through without recording anything', async () => {
    const { log, caseId, run } = setup();
    await run(olga, openCommand({ caseId }));
    const before = (await log.readHead(caseId))?.version;
    await expect(run(mads, { type: 'PauseCase', reason: 'Ferie' })).rejects.toMatchObject({
      code: 'roleRequired',
    });
    await run(mads, { type: 'JoinCase' });
    const refusal: unknown = await run(mads, {
      type: 'RequestGateReview',
      stageId: 'define-challenge',
    }).catch((e: unknown) => e);
    expect(isDomainError(refusal) && refusal.code).toBe('missingAnswers');
    expect((await log.readHead(caseId))?.version).toBe((before ?? 0) + 1);
  });

  it('joins a newcomer with their first command in one append, and records no join when it is refused', async () => {
    const { log, caseId, run } = setup();
    await run(olga, openCommand({ caseId }));
    const before = (await log.readHead(caseId))?.version ?? 0;

    // Refused (the stage is not documented): neither the join nor anything else is recorded.
    await expect(
      run(mads, { type: 'RequestGateReview', stageId: 'define-challenge' }, 'activity-1'),
    ).rejects.toMatchObject({ code: 'missingAnswers' });
    expect((await log.readHead(caseId))?.version).toBe(before);
    expect((await log.readHead(caseId))?.state.roles[mads]).toBeUndefined();

    // Accepted: the join and the idea are one delivery; a redelivery returns both and records nothing.
    const idea = { type: 'RecordIdea', ideaId: 'idea-1', text: 'Faste kveldsvakter' } as const;
    const outcome = await run(mads, idea, 'activity-2');
    expect(outcome.events.map((e) => e.event.type)).toEqual(['RoleAssigned', 'IdeaRecorded']);
    expect(outcome.state.roles[mads]).toEqual(['member']);
    const again = await run(mads, idea, 'activity-2');
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.event.type)).toEqual(['RoleAssigned', 'IdeaRecorded']);
    expect((await log.readHead(caseId))?.version).toBe(before + 2);

    // A participant is not joined again, and a manager keeps their role.
    const next = await run(mia, { type: 'RecordIdea', ideaId: 'idea-2', text: 'Kveldsmøte' }, 'activity-3');
    expect(next.events.map((e) => e.event.type)).toEqual(['IdeaRecorded']);
    expect(next.state.roles[mia]).toEqual(['manager']);
  });

  it('refuses a command on a case that does not exist', async () => {
    const { run } = setup();
    await expect(run(mads, { type: 'JoinCase' })).rejects.toMatchObject({
      code: 'caseNotFound',
      kind: 'notFound',
    });
  });

  it('records nothing for a command that changes nothing', async () => {
    const { log, caseId, run } = setup();
    await run(olga, openCommand({ caseId }));
    const outcome = await run(olga, { type: 'JoinCase' });
    expect(outcome.events).toEqual([]);
    expect((await log.readHead(caseId))?.version).toBe(5);
  });

  it('lands 20 concurrent commands on one case exactly once each, and the chain verifies', async () => {
    const { log, caseId, run } = setup();
    await run(olga, openCommand({ caseId }));
    await run(mads, { type: 'JoinCase' });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(mads, { type: 'RecordIdea', ideaId: `idea-${i}`, text: `Idé nummer ${i}` }, `delivery-${i}`),
      ),
    );
    expect(results.every((r) => !r.duplicate && r.events.length === 1)).toBe(true);
    const events = [];
    for await (const stored of log.readEvents(caseId)) events.push(stored);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    const ideaIds = events.flatMap((e) => (e.event.type === 'IdeaRecorded' ? [e.event.ideaId] : []));
    expect(new Set(ideaIds).size).toBe(20);
    expect((await log.verify(caseId)).ok).toBe(true);
    expect((await log.readHead(caseId))?.state.counts.ideas).toBe(20);
  });

  it('decides again on fresh state after losing a race', async () => {
    const { log, caseId, run, service } = setup();
    await run(olga, openCommand({ caseId }));
    await run(mads, { type: 'JoinCase' });
    await run(mads, answerRequired('define-challenge'));
    await run(mads, { type: 'RequestGateReview', stageId: 'define-challenge' });
    // Two managers click at the same moment: one approves, one sends back. One wins; the other is
    // decided again on the new state and refused, because the gate is no longer pending.
    const settled = await Promise.allSettled([
      service.execute({
        caseId,
        actorId: mia,
        at: '2026-01-05T09:00:00.000Z',
        command: { type: 'DecideGate', stageId: 'define-challenge', decision: { outcome: 'approve' } },
      }),
      service.execute({
        caseId,
        actorId: mats,
        at: '2026-01-05T09:00:00.000Z',
        command: {
          type: 'DecideGate',
          stageId: 'define-challenge',
          decision: { outcome: 'sendBack', toStageId: 'define-challenge', reason: 'Mer data.' },
        },
      }),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const rejected = settled.find((s) => s.status === 'rejected');
    expect(rejected?.status === 'rejected' && (rejected.reason as { code: string }).code).toBe(
      'noGatePending',
    );
    expect((await log.verify(caseId)).ok).toBe(true);
  });
});

describe('the case service under endless contention', () => {
  it('gives up after a bounded number of attempts with a clear "busy" refusal', async () => {
    const log = new MemoryEventLog();
    const service = new CaseService({ log, templates, retry: { maxAttempts: 3, backoffMs: () => 0 } });
    await service.execute({
      caseId: 'c1',
      actorId: olga,
      at: '2026-01-05T08:00:00.000Z',
      command: openCommand({ caseId: 'c1' }),
    });
    let appends = 0;
    const contended: EventLog = {
      readHead: (id) => log.readHead(id),
      readEvents: (id, range) => log.readEvents(id, range),
      findDelivery: (id, d) => log.findDelivery(id, d),
      verify: (id) => log.verify(id),
      listCases: (filter) => log.listCases(filter),
      pendingEffects: (id) => log.pendingEffects(id),
      claimEffect: (item, owner, until) => log.claimEffect(item, owner, until),
      settleEffect: (item, settlement) => log.settleEffect(item, settlement),
      settleEffects: (settlements) => log.settleEffects(settlements),
      append: (request) => {
        appends += 1;
        return Promise.reject(new ConcurrencyConflictError(request.caseId));
      },
    };
    const busy = new CaseService({
      log: contended,
      templates,
      retry: { maxAttempts: 3, backoffMs: () => 0 },
    });
    const error = await busy
      .execute({
        caseId: 'c1',
        actorId: olga,
        at: '2026-01-05T08:01:00.000Z',
        command: { type: 'RecordIdea', ideaId: 'i1', text: 'Idé' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaseBusyError);
    expect(appends).toBe(3);
    expect((error as CaseBusyError).text.nb).toContain('ikke lagret');
    expect((await log.readHead('c1'))?.version).toBe(5);
  });
});

describe('two instances of the app on one log (the head each remembers goes stale)', () => {
  function countingLog(log: EventLog): { log: EventLog; reads: () => number } {
    let reads = 0;
    return {
      reads: () => reads,
      log: {
        readHead: (id) => {
          reads += 1;
          return log.readHead(id);
        },
        readEvents: (id, range) => log.readEvents(id, range),
        findDelivery: (id, d) => log.findDelivery(id, d),
        verify: (id) => log.verify(id),
        listCases: (filter) => log.listCases(filter),
        pendingEffects: (id) => log.pendingEffects(id),
        claimEffect: (item, owner, until) => log.claimEffect(item, owner, until),
        settleEffect: (item, settlement) => log.settleEffect(item, settlement),
        settleEffects: (settlements) => log.settleEffects(settlements),
        append: (request) => log.append(request),
      },
    };
  }

  const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

  it('reads no head for a command on a case it has just read or written', async () => {
    const counted = countingLog(new MemoryEventLog());
    const service = new CaseService({ log: counted.log, templates });
    await service.execute({ caseId: 'c1', actorId: olga, at: at(0), command: openCommand({ caseId: 'c1' }) });
    const before = counted.reads();
    await service.execute({
      caseId: 'c1',
      actorId: olga,
      at: at(1),
      command: { type: 'RecordIdea', ideaId: 'i1', text: 'A' },
    });
    await service.execute({
      caseId: 'c1',
      actorId: olga,
      at: at(2),
      command: { type: 'RecordIdea', ideaId: 'i2', text: 'B' },
    });
    expect(counted.reads()).toBe(before);
  });

  it('decides again on a fresh read when its remembered head is refused or outrun, and counts no busy attempt', async () => {
    const log = new MemoryEventLog();
    const here = new CaseService({ log, templates, retry: { maxAttempts: 1, backoffMs: () => 0 } });
    const there = new CaseService({ log, templates });
    await here.execute({ caseId: 'c1', actorId: olga, at: at(0), command: openCommand({ caseId: 'c1' }) });
    await here.execute({ caseId: 'c1', actorId: mads, at: at(1), command: { type: 'JoinCase' } });
    await here.execute({
      caseId: 'c1',
      actorId: mads,
      at: at(2),
      command: answerRequired('define-challenge'),
    });
    // The other instance asks for the review; this one still remembers the case without a pending gate.
    await there.execute({
      caseId: 'c1',
      actorId: mads,
      at: at(3),
      command: { type: 'RequestGateReview', stageId: 'define-challenge' },
    });
    // On the remembered head the approval would be refused ("no gate pending"): it is decided again.
    const approved = await here.execute({
      caseId: 'c1',
      actorId: mia,
      at: at(4),
      command: { type: 'DecideGate', stageId: 'define-challenge', decision: { outcome: 'approve' } },
    });
    expect(approved.events.map((e) => e.event.type)).toContain('GatePassed');
    // The other instance, now behind, records an idea: its stale head loses the append and it simply
    // reads again, within an attempt budget of one.
    const idea = await there.execute({
      caseId: 'c1',
      actorId: mads,
      at: at(5),
      command: { type: 'RecordIdea', ideaId: 'i1', text: 'Kveldsmøte' },
    });
    expect(idea.events.map((e) => e.seq)).toEqual([approved.state.version + 1]);
    // A delivery the other instance recorded is recognised, not decided again on the stale head.
    const first = await there.execute({
      caseId: 'c1',
      actorId: mads,
      at: at(6),
      command: { type: 'RecordIdea', ideaId: 'i2', text: 'Turnus' },
      deliveryId: 'activity-9',
    });
    const again = await here.execute({
      caseId: 'c1',
      actorId: mads,
      at: at(7),
      command: { type: 'RecordIdea', ideaId: 'i2', text: 'Turnus' },
      deliveryId: 'activity-9',
    });
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.seq)).toEqual(first.events.map((e) => e.seq));
    expect((await log.verify('c1')).ok).toBe(true);
  });
});

describe('spreading a completed case', () => {
  it('links both cases and completes a half-done derivation on retry without repeating', async () => {
    const log = new MemoryEventLog();
    const service = new CaseService({ log, templates });
    const { CaseSpecification, passStage } = await import('../engine/caseSpecification');
    // Build a completed case through the engine, then replay it into the log through the service.
    const spec = new CaseSpecification()
      .given(olga, openCommand({ caseId: 'source' }))
      .given(mads, { type: 'JoinCase' });
    for (const stage of templates.latest('municipal-service-innovation').stages) passStage(spec, stage.id);
    expect(spec.current.status).toBe('completed');
    await log.append({ caseId: 'source', expected: undefined, events: spec.events, state: spec.current });

    const open = openCommand({ caseId: 'derived', municipality: 'Nabokommunen' }) as Extract<
      CaseCommand,
      { type: 'OpenCase' }
    >;
    const first = await service.deriveCase({
      sourceCaseId: 'source',
      open,
      actorId: olga,
      at: '2026-06-01T10:00:00.000Z',
      deliveryId: 'spread-1',
    });
    expect(first.source.state.derivedTo).toEqual(['derived']);
    expect(first.derived.state.derivedFrom).toBe('source');
    const retry = await service.deriveCase({
      sourceCaseId: 'source',
      open,
      actorId: olga,
      at: '2026-06-01T10:00:05.000Z',
      deliveryId: 'spread-1',
    });
    expect(retry.source.duplicate).toBe(true);
    expect(retry.derived.duplicate).toBe(true);
    expect((await service.getCase('source'))?.derivedTo).toEqual(['derived']);
  });
});
