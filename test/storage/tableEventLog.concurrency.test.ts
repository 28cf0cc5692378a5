/**
 * Many commands on one case at the same moment (a gate card clicked by several managers at once): each
 * appends on the head it read; the ETag lets exactly one win per round, and the losers re-read, decide
 * again and retry. The log must end up with every command's event exactly once, in one unbroken chain.
 */
import { describe, expect, inject, it } from 'vitest';
import { ConcurrencyConflictError } from '../../storage/eventLog';
import { TableEventLog } from '../../storage/tableEventLog';
import {
  appendOnto,
  caseOpened,
  collect,
  ideaRecorded,
  minutesAfterStart,
  sleep,
  uniqueCaseId,
  uniqueTableName,
} from './caseFixtures';

const connectionString = inject('tablesConnectionString');

const PARALLEL_COMMANDS = 20;
/** Enough for the last of 20 contenders even if it loses every round. */
const MAX_ATTEMPTS = 60;

describe('TableEventLog under concurrent appends', () => {
  it('records 20 parallel commands exactly once each, contiguous and verifiable', async () => {
    const log = TableEventLog.fromConnectionString(connectionString, {
      eventsTableName: uniqueTableName('ev'),
      directoryTableName: uniqueTableName('dir'),
    });
    const caseId = uniqueCaseId();
    await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
    let conflicts = 0;

    async function command(index: number): Promise<number> {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const head = await log.readHead(caseId);
        const idea = ideaRecorded(`command ${index}`, minutesAfterStart(index));
        try {
          await log.append(appendOnto(caseId, head, [idea], `activity-${index}`));
          return attempt;
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError)) throw error;
          conflicts += 1;
          await sleep(Math.random() * 10);
        }
      }
      throw new Error(`command ${index} gave up after ${MAX_ATTEMPTS} attempts`);
    }

    const attempts = await Promise.all(
      Array.from({ length: PARALLEL_COMMANDS }, (_, index) => command(index)),
    );

    const stored = await collect(log.readEvents(caseId));
    expect(stored.map((event) => event.seq)).toEqual(
      Array.from({ length: PARALLEL_COMMANDS + 1 }, (_, i) => i + 1),
    );
    const texts = stored.flatMap((event) => (event.event.type === 'IdeaRecorded' ? [event.event.text] : []));
    expect(texts).toHaveLength(PARALLEL_COMMANDS);
    expect(new Set(texts).size).toBe(PARALLEL_COMMANDS);
    const head = await log.readHead(caseId);
    expect(head?.version).toBe(PARALLEL_COMMANDS + 1);
    expect(head?.state.counts.ideas).toBe(PARALLEL_COMMANDS);
    expect(await log.verify(caseId)).toEqual({ caseId, ok: true, checked: PARALLEL_COMMANDS + 1 });
    // The race was real: some commands had to retry.
    expect(conflicts).toBeGreaterThan(0);
    expect(Math.max(...attempts)).toBeGreaterThan(1);
  });
});
