/**
 * Commands of one case in one process wait for each other instead of racing for the head: none loses
 * an ETag race to a sibling, and a command that cannot get its turn within its budget is refused as busy
 * with nothing recorded.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { CaseBusyError, CaseService } from '../../application/caseService';
import { CaseQueue } from '../../application/caseQueue';
import { builtInTemplates } from '../../engine';
import { withDeadline } from '../../platform/deadline';
import type { AppendRequest, AppendResult, EventLog } from '../../storage/eventLog';
import { ConcurrencyConflictError } from '../../storage/eventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import { openCommand, people } from '../engine/caseSpecification';

const templates = builtInTemplates();

function uniqueName(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** The Table log on Azurite, counting appends that lost the ETag race. */
function countingLog(): { log: EventLog; conflicts: () => number } {
  const log = TableEventLog.fromConnectionString(inject('tablesConnectionString'), {
    eventsTableName: uniqueName('qev'),
    directoryTableName: uniqueName('qdir'),
  });
  let conflicts = 0;
  const append = log.append.bind(log);
  log.append = async (request: AppendRequest): Promise<AppendResult> => {
    try {
      return await append(request);
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) conflicts += 1;
      throw error;
    }
  };
  return { log, conflicts: () => conflicts };
}

describe('commands of one case in one process', () => {
  it('twenty ideas at once on one case: all recorded, in one chain, and none lost a race', async () => {
    const { log, conflicts } = countingLog();
    const service = new CaseService({ log, templates });
    const caseId = uniqueName('case');
    const opened = await service.execute({
      caseId,
      command: openCommand({ caseId }),
      actorId: people.olga,
      at: '2026-03-02T08:00:00.000Z',
    });

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        service.execute({
          caseId,
          command: { type: 'RecordIdea', ideaId: `idea-${index}`, text: `Idé ${index}` },
          actorId: people.olga,
          at: `2026-03-02T08:01:${String(index).padStart(2, '0')}.000Z`,
          deliveryId: `idea-${index}`,
        }),
      ),
    );

    expect(outcomes.every((outcome) => outcome.events.length === 1)).toBe(true);
    expect(conflicts()).toBe(0);
    const head = await log.readHead(caseId);
    expect(head?.version).toBe(opened.state.version + 20);
    expect((await log.verify(caseId)).ok).toBe(true);
  });

  it('refuses a command as busy when it cannot get its turn within its budget, and records nothing', async () => {
    const { log } = countingLog();
    const service = new CaseService({ log, templates });
    const caseId = uniqueName('case');
    await service.execute({
      caseId,
      command: openCommand({ caseId }),
      actorId: people.olga,
      at: '2026-03-02T08:00:00.000Z',
    });
    // A command that holds the case for a while: its append waits until it is let go.
    let letGo = (): void => undefined;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const append = log.append.bind(log);
    let holdNext = true;
    log.append = async (request) => {
      if (holdNext) {
        holdNext = false;
        await held;
      }
      return append(request);
    };
    const first = service.execute({
      caseId,
      command: { type: 'RecordIdea', ideaId: 'first', text: 'Den første' },
      actorId: people.olga,
      at: '2026-03-02T08:01:00.000Z',
      deliveryId: 'first',
    });
    const waiting = withDeadline(200, () =>
      service.execute({
        caseId,
        command: { type: 'RecordIdea', ideaId: 'second', text: 'Den andre' },
        actorId: people.olga,
        at: '2026-03-02T08:01:01.000Z',
        deliveryId: 'second',
      }),
    );

    await expect(waiting).rejects.toBeInstanceOf(CaseBusyError);
    letGo();
    const recorded = await first;
    const head = await log.readHead(caseId);
    expect(head?.version).toBe(recorded.state.version);
    expect(head?.state.counts.ideas).toBe(1);
  });
});

describe('the case queue', () => {
  it('runs work for one case one at a time, in order, and other cases alongside', async () => {
    const queue = new CaseQueue();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} ends`);
      return name;
    };

    const results = await Promise.all([
      queue.run('a', step('a1', 30)),
      queue.run('a', step('a2', 1)),
      queue.run('b', step('b1', 5)),
    ]);

    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 starts')).toBeGreaterThan(log.indexOf('a1 ends'));
    expect(log.indexOf('b1 starts')).toBeLessThan(log.indexOf('a1 ends'));
    expect(queue.busyCases).toBe(0);
  });

  it('goes on with the next command after one that failed', async () => {
    const queue = new CaseQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('refused')));
    const next = queue.run('a', () => Promise.resolve('next'));

    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });
});
