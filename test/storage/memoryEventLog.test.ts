import { describe, expect, it } from 'vitest';
import { MemoryEventLog } from '../../storage/memoryEventLog';
import { eventRowKey } from '../../storage/eventLog';
import { HEAD_ROW_KEY } from '../../storage/hashChain';
import { UNRECORDED_FORMAT } from '../../storage/storedFormats';
import { appendOnto, caseOpened, ideaRecorded, minutesAfterStart, uniqueCaseId } from './caseFixtures';
import { describeEventLogContract, describeStoredStateContract } from './eventLog.contract';

describeEventLogContract('MemoryEventLog', () => Promise.resolve(new MemoryEventLog()));

describeStoredStateContract('MemoryEventLog', () => {
  const log = new MemoryEventLog();
  return Promise.resolve({
    log,
    rewriteHead: (caseId, change) => {
      // The memory log has no missing column: a head without a recorded format is format 1.
      log.unsafeRewriteHeadForTests(caseId, (head) => {
        const changed = change(head);
        return { state: changed.state, stateFormat: changed.stateFormat ?? UNRECORDED_FORMAT };
      });
      return Promise.resolve();
    },
  });
});

describe('MemoryEventLog tampering hooks', () => {
  async function logWithFiveEvents(): Promise<{ log: MemoryEventLog; caseId: string }> {
    const log = new MemoryEventLog();
    const caseId = uniqueCaseId();
    let head = (await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]))).head;
    for (let index = 1; index <= 4; index += 1) {
      head = (
        await log.append(appendOnto(caseId, head, [ideaRecorded(`idea ${index}`, minutesAfterStart(index))]))
      ).head;
    }
    return { log, caseId };
  }

  it('lets verify name an edited event', async () => {
    const { log, caseId } = await logWithFiveEvents();
    log.unsafeOverwriteForTests(caseId, 3, (stored) =>
      stored.event.type === 'IdeaRecorded'
        ? { ...stored, event: { ...stored.event, text: 'rewritten' } }
        : stored,
    );
    expect(await log.verify(caseId)).toMatchObject({
      ok: false,
      checked: 3,
      firstMismatch: { seq: 3, rowKey: eventRowKey(3), reason: 'hashMismatch' },
    });
  });

  it('lets verify name a removed event, a relinked chain and a head that no longer matches', async () => {
    const removed = await logWithFiveEvents();
    removed.log.unsafeDeleteForTests(removed.caseId, 2);
    expect((await removed.log.verify(removed.caseId)).firstMismatch).toMatchObject({
      seq: 3,
      rowKey: eventRowKey(3),
      reason: 'gapInSequence',
    });

    const relinked = await logWithFiveEvents();
    relinked.log.unsafeOverwriteForTests(relinked.caseId, 4, (stored) => ({
      ...stored,
      prevHash: stored.hash,
    }));
    expect((await relinked.log.verify(relinked.caseId)).firstMismatch).toMatchObject({
      rowKey: eventRowKey(4),
      reason: 'brokenChain',
    });

    const truncated = await logWithFiveEvents();
    truncated.log.unsafeDeleteForTests(truncated.caseId, 5);
    expect((await truncated.log.verify(truncated.caseId)).firstMismatch).toMatchObject({
      seq: 4,
      rowKey: HEAD_ROW_KEY,
      reason: 'headMismatch',
    });
  });
});
