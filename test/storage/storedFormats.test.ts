import { describe, expect, it } from 'vitest';
import { CASE_EVENT_FORMAT } from '../../engine/stateFormat';
import { GENESIS_HASH } from '../../storage/eventLog';
import { ChainVerifier, EMPTY_CHAIN, eventHash, stampEvents } from '../../storage/hashChain';
import {
  EVENT_UPCASTERS,
  foldStoredEvents,
  formatFromColumn,
  upcastEvent,
  type EventUpcaster,
} from '../../storage/storedFormats';
import { caseOpened, foldOnto, ideaRecorded, minutesAfterStart } from './caseFixtures';

describe('reading stored events of a format', () => {
  it('has an upcaster for every event format older than the current one', () => {
    for (let format = 1; format < CASE_EVENT_FORMAT; format += 1) {
      expect(EVENT_UPCASTERS[format], `upcaster from event format ${format}`).toBeTypeOf('function');
    }
  });

  it('reads an event of the current format as it is, with nothing beside it', () => {
    const idea = ideaRecorded('as stored');
    expect(upcastEvent(structuredClone(idea), CASE_EVENT_FORMAT)).toEqual({ event: idea });
  });

  it('chains upcasters from the stored format and keeps the original untouched for its hash', () => {
    // A made-up history: format 1 called the text `note`, format 2 added a source, format 3 is today.
    const upcasters: Record<number, EventUpcaster> = {
      1: ({ note, ...rest }) => ({ ...rest, text: note }),
      2: (event) => ({ ...event, source: 'unknown' }),
    };
    const { text, ...idea } = ideaRecorded('old words');
    const stored = { ...idea, note: text };

    const read = upcastEvent(stored, 1, upcasters, 3);

    expect(read.event).toEqual({ ...idea, text: 'old words', source: 'unknown' });
    expect(read.asStored).toEqual({ format: 1, event: { ...idea, note: 'old words' } });
    expect(stored).toEqual({ ...idea, note: 'old words' });
    expect(upcastEvent(read.event, 3, upcasters, 3)).toEqual({ event: read.event });
  });

  it('refuses a format it does not know rather than misreading it', () => {
    const idea = ideaRecorded('x');
    expect(() => upcastEvent(idea, CASE_EVENT_FORMAT + 1)).toThrow(/newer than this version/);
    expect(() => upcastEvent(idea, 0)).toThrow(/not a format/);
    expect(() => upcastEvent(idea, 1, {}, 2)).toThrow(/no upcaster from event format 1/);
    expect(() => upcastEvent({ type: 'Unheard' }, CASE_EVENT_FORMAT)).toThrow(/not a known event/);
  });

  it('reads a missing format column as format 1 and refuses one that is not a whole number', () => {
    expect(formatFromColumn(undefined, 'eventFormat')).toBe(1);
    expect(formatFromColumn(2, 'eventFormat')).toBe(2);
    expect(formatFromColumn(BigInt(3), 'eventFormat')).toBe(3);
    for (const bad of ['2', 1.5, 0, -1]) {
      expect(() => formatFromColumn(bad, 'eventFormat')).toThrow(/not a format version/);
    }
  });
});

describe('the hash of an event and its format', () => {
  const opened = caseOpened('case-golden', {
    title: 'Felles oppstartsteam',
    conversationId: '19:chat@thread.v2',
  });
  const idea = {
    ...ideaRecorded('Æøå «sitat» 😀', minutesAfterStart(1)),
    ideaId: 'idea-1',
  };

  it('hashes events exactly as before formats were recorded, so old logs verify byte for byte', () => {
    // Recorded with the code before event formats existed.
    expect(stampEvents('case-golden', [opened, idea], EMPTY_CHAIN, 'activity-1').map((e) => e.hash)).toEqual([
      '7afcbdfaad858b0be06155d0726f25e4b746b3f6efbee51e383704d15737a58d',
      '42b930f9a30266baa75e95950e98968e40438a4ca8cdbcabd27eb9a239be332a',
    ]);
  });

  it('binds the format into the hash from format 2 on', () => {
    const content = { caseId: 'case-golden', seq: 1, event: opened };
    expect(eventHash(GENESIS_HASH, { ...content, format: 1 })).toBe(eventHash(GENESIS_HASH, content));
    expect(eventHash(GENESIS_HASH, { ...content, format: 2 })).not.toBe(eventHash(GENESIS_HASH, content));
  });
});

describe('ChainVerifier and the fold of the events', () => {
  const caseId = 'case-verifier';
  const events = [caseOpened(caseId), ideaRecorded('one', minutesAfterStart(1))];
  const stored = stampEvents(caseId, events, EMPTY_CHAIN, undefined);
  const fold = foldOnto(undefined, 0, events);
  const rows = stored.map((event) => ({ readable: true as const, rowKey: `E${event.seq}`, ...event }));

  function verified(
    snapshot: typeof fold | undefined,
    feed: readonly (typeof rows)[number][] = rows,
  ): ReturnType<ChainVerifier['finish']> {
    const verifier = new ChainVerifier(caseId);
    for (const row of feed) verifier.check({ ...row, rowKey: `E${String(row.seq).padStart(10, '0')}` });
    return verifier.finish({
      readable: true,
      version: 2,
      lastHash: stored[1]?.hash ?? '',
      ...(snapshot !== undefined && { snapshot }),
    });
  }

  it('passes a snapshot equal to the fold, and one of another format that is not given', () => {
    expect(verified(fold)).toEqual({ caseId, ok: true, checked: 2 });
    expect(verified(undefined)).toEqual({ caseId, ok: true, checked: 2 });
  });

  it('names the head and the fields in which the snapshot differs', () => {
    const report = verified({ ...fold, title: 'other', counts: { ...fold.counts, ideas: 5 } });
    expect(report.firstMismatch).toEqual({
      seq: 2,
      rowKey: 'H',
      reason: 'snapshotMismatch',
      detail: "the head's state snapshot is not the fold of the events; it differs in: counts, title",
    });
  });

  it('names an event the engine cannot fold, though its hash checks out', () => {
    const [first] = stampEvents(caseId, [ideaRecorded('before the case opened')], EMPTY_CHAIN, undefined);
    if (!first) throw new Error('no event');
    const verifier = new ChainVerifier(caseId);
    expect(verifier.check({ readable: true, rowKey: 'E0000000001', ...first })).toBe(false);
    expect(verifier.finish(undefined).firstMismatch).toMatchObject({
      seq: 1,
      reason: 'unreadable',
      detail: expect.stringContaining('cannot be folded') as unknown,
    });
  });

  it('checks an upcast event against the hash of what was stored', () => {
    const [first, second] = rows;
    if (!first || !second) throw new Error('no rows');
    const upcast = {
      ...second,
      event: { ...second.event, text: 'upcast' },
      asStored: { format: 1, event: second.event },
    };
    const verifier = new ChainVerifier(caseId);
    expect(verifier.check({ ...first, rowKey: 'E0000000001' })).toBe(true);
    expect(verifier.check({ ...upcast, rowKey: 'E0000000002' })).toBe(true);
    const { asStored: _asStored, ...withoutOriginal } = upcast;
    const other = new ChainVerifier(caseId);
    other.check({ ...first, rowKey: 'E0000000001' });
    expect(other.check({ ...withoutOriginal, rowKey: 'E0000000002' })).toBe(false);
  });
});

describe('folding stored events for a head', () => {
  const caseId = 'case-fold';
  const stored = stampEvents(
    caseId,
    [caseOpened(caseId), ideaRecorded('one'), ideaRecorded('two')],
    EMPTY_CHAIN,
    undefined,
  );

  it('folds the events up to the head', async () => {
    const state = await foldStoredEvents(caseId, 3, stored);
    expect(state).toMatchObject({ caseId, version: 3, counts: { ideas: 2 } });
  });

  it('refuses to guess when events are missing in the middle or at the end', async () => {
    await expect(
      foldStoredEvents(
        caseId,
        3,
        [stored[0], stored[2]].filter((e) => e !== undefined),
      ),
    ).rejects.toThrow(/event 2 is missing/);
    await expect(foldStoredEvents(caseId, 4, stored)).rejects.toThrow(
      /head is at version 4, its events end at 3/,
    );
  });
});
