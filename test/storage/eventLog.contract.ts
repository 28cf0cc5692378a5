/**
 * The behaviour every `EventLog` adapter must show, run against the in-memory fake and the Table adapter
 * on Azurite (memoryEventLog.test.ts, tableEventLog.test.ts). A test here is a promise the application
 * relies on; an adapter-specific detail (row layout, request counts) belongs in that adapter's own file.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../engine/errors';
import type { CaseEvent } from '../../engine/events';
import { summarize, type CaseState } from '../../engine/state';
import { STATE_FORMAT } from '../../engine/stateFormat';
import { MAX_EVENTS_PER_APPEND } from '../../storage/appendRules';
import {
  ConcurrencyConflictError,
  DuplicateDeliveryError,
  EventTooLargeError,
  GENESIS_HASH,
  RECENT_DELIVERIES,
  type CaseHead,
  type EventLog,
} from '../../storage/eventLog';
import { eventHash, HEAD_ROW_KEY } from '../../storage/hashChain';
import {
  appendOnto,
  awkwardText,
  casePaused,
  caseOpened,
  collect,
  documentationRecorded,
  ideaRecorded,
  minutesAfterStart,
  sleep,
  stageEntered,
  uniqueCaseId,
} from './caseFixtures';

/** Awaits a promise that must fail and returns what it failed with. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail, but it succeeded');
}

async function requireHead(log: EventLog, caseId: string): Promise<CaseHead> {
  const head = await log.readHead(caseId);
  if (!head) throw new Error(`case ${caseId} has no head`);
  return head;
}

/** Opens a case and appends `ideas` more events, one append each; returns the head. */
async function openCaseWithIdeas(log: EventLog, caseId: string, ideas: number): Promise<CaseHead> {
  let head = (await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]))).head;
  for (let index = 1; index <= ideas; index += 1) {
    head = (
      await log.append(appendOnto(caseId, head, [ideaRecorded(`idea ${index}`, minutesAfterStart(index))]))
    ).head;
  }
  return head;
}

export function describeEventLogContract(name: string, makeLog: () => Promise<EventLog>): void {
  describe(`${name} (EventLog contract)`, () => {
    describe('a case that does not exist', () => {
      it('has no head, no events, no deliveries, and verifies as empty', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        expect(await log.readHead(caseId)).toBeUndefined();
        expect(await collect(log.readEvents(caseId))).toEqual([]);
        expect(await log.findDelivery(caseId, 'activity-1')).toBeUndefined();
        expect(await log.verify(caseId)).toEqual({ caseId, ok: true, checked: 0 });
      });

      it('refuses a case id that is not a safe key', async () => {
        const log = await makeLog();
        for (const caseId of ['', 'a/b', 'a#b', 'a?b', 'a\\b', 'tab\there', 'x'.repeat(101)]) {
          expect(await failureOf(log.readHead(caseId))).toBeInstanceOf(ValidationError);
        }
        const bad = 'bad/id';
        const request = { ...appendOnto('ok-id', undefined, [caseOpened('ok-id')]), caseId: bad };
        expect(await failureOf(log.append(request))).toBeInstanceOf(ValidationError);
      });
    });

    describe('append and read', () => {
      it('stores a new case: numbered from 1, chained from the genesis hash, read back as written', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const events: CaseEvent[] = [caseOpened(caseId), stageEntered('challenge', minutesAfterStart(0))];
        const request = appendOnto(caseId, undefined, events, 'activity-open');

        const result = await log.append(request);

        expect(result.stored.map((stored) => stored.seq)).toEqual([1, 2]);
        expect(result.stored.map((stored) => stored.event)).toEqual(events);
        const [first, second] = result.stored;
        expect(first?.prevHash).toBe(GENESIS_HASH);
        expect(first?.hash).toBe(
          eventHash(GENESIS_HASH, {
            caseId,
            seq: 1,
            event: events[0],
            deliveryId: 'activity-open',
          }),
        );
        expect(second?.prevHash).toBe(first?.hash);
        expect(
          result.stored.every((stored) => stored.deliveryId === 'activity-open' && stored.caseId === caseId),
        ).toBe(true);
        expect(result.head).toMatchObject({
          caseId,
          version: 2,
          lastHash: second?.hash,
          state: request.state,
        });
        expect(result.head.etag).not.toBe('');

        const head = await requireHead(log, caseId);
        expect(head).toEqual(result.head);
        expect(head.recentDeliveries).toEqual([{ deliveryId: 'activity-open', firstSeq: 1, lastSeq: 2 }]);
        expect(await collect(log.readEvents(caseId))).toEqual(result.stored);
        expect(await log.findDelivery(caseId, 'activity-open')).toEqual({
          deliveryId: 'activity-open',
          firstSeq: 1,
          lastSeq: 2,
        });
      });

      it('keeps seqs contiguous and in order across several appends', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        let head = (await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]))).head;
        for (let round = 1; round <= 4; round += 1) {
          const events = [
            ideaRecorded(`a${round}`, minutesAfterStart(round)),
            ideaRecorded(`b${round}`, minutesAfterStart(round)),
          ];
          head = (await log.append(appendOnto(caseId, head, events))).head;
        }

        const stored = await collect(log.readEvents(caseId));
        expect(stored.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(
          stored.slice(1).map((event) => (event.event.type === 'IdeaRecorded' ? event.event.text : '')),
        ).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
        stored.forEach((event, index) => {
          expect(event.prevHash).toBe(index === 0 ? GENESIS_HASH : stored[index - 1]?.hash);
        });
        expect(head.version).toBe(9);
        expect(head.state.counts.ideas).toBe(8);
        expect((await requireHead(log, caseId)).lastHash).toBe(stored[8]?.hash);
      });

      it('reads inclusive ranges of events', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        await openCaseWithIdeas(log, caseId, 5);
        const seqs = async (range: { fromSeq?: number; toSeq?: number }): Promise<number[]> =>
          (await collect(log.readEvents(caseId, range))).map((event) => event.seq);

        expect(await seqs({ fromSeq: 3 })).toEqual([3, 4, 5, 6]);
        expect(await seqs({ toSeq: 2 })).toEqual([1, 2]);
        expect(await seqs({ fromSeq: 2, toSeq: 5 })).toEqual([2, 3, 4, 5]);
        expect(await seqs({ fromSeq: 4, toSeq: 4 })).toEqual([4]);
        expect(await seqs({ fromSeq: 7 })).toEqual([]);
        expect(await seqs({ fromSeq: 5, toSeq: 4 })).toEqual([]);
        expect(await seqs({ fromSeq: 0, toSeq: 1 })).toEqual([1]);
      });

      it('stores copies: changing objects passed in or handed out changes nothing stored', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const opened = caseOpened(caseId);
        const request = appendOnto(caseId, undefined, [opened]);
        const result = await log.append(request);

        opened.title = 'changed by caller';
        request.state.title = 'changed by caller';
        result.head.state.title = 'changed by caller';
        const firstStored = result.stored[0];
        if (firstStored?.event.type === 'CaseOpened') firstStored.event.title = 'changed by caller';
        const head = await requireHead(log, caseId);
        head.state.counts.ideas = 99;

        const again = await requireHead(log, caseId);
        expect(again.state.title).toBe('Felles oppstartsteam i hjemmetjenesten');
        expect(again.state.counts.ideas).toBe(0);
        const [stored] = await collect(log.readEvents(caseId));
        expect(stored?.event).toMatchObject({ title: 'Felles oppstartsteam i hjemmetjenesten' });
        expect(await log.verify(caseId)).toMatchObject({ ok: true, checked: 1 });
      });

      it('refuses requests the application should never build, writing nothing', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const head = await openCaseWithIdeas(log, caseId, 1);
        const valid = appendOnto(caseId, head, [ideaRecorded('x', minutesAfterStart(5))]);

        const refusals = [
          { ...valid, events: [] },
          { ...valid, state: { ...valid.state, version: valid.state.version + 1 } },
          { ...valid, expected: { ...head, version: head.version - 1 } },
          { ...valid, expected: { ...head, etag: '' } },
          appendOnto(caseId, head, [caseOpened(caseId)]),
          appendOnto(
            caseId,
            head,
            Array.from({ length: MAX_EVENTS_PER_APPEND + 1 }, () => ideaRecorded('many')),
          ),
        ];
        for (const request of refusals) {
          const error = await failureOf(log.append(request));
          expect(error).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(ConcurrencyConflictError);
        }
        expect((await requireHead(log, caseId)).version).toBe(2);
        expect(await collect(log.readEvents(caseId))).toHaveLength(2);
      });
    });

    describe('concurrency', () => {
      it('lets only one of two appends on the same head succeed; the other writes nothing', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const head = await openCaseWithIdeas(log, caseId, 1);

        const winner = await log.append(
          appendOnto(caseId, head, [ideaRecorded('winner', minutesAfterStart(5))]),
        );
        const loser = await failureOf(
          log.append(
            appendOnto(caseId, head, [ideaRecorded('loser', minutesAfterStart(6)), ideaRecorded('loser 2')]),
          ),
        );

        expect(loser).toBeInstanceOf(ConcurrencyConflictError);
        expect(await requireHead(log, caseId)).toEqual(winner.head);
        const texts = (await collect(log.readEvents(caseId))).map((stored) =>
          stored.event.type === 'IdeaRecorded' ? stored.event.text : stored.event.type,
        );
        expect(texts).toEqual(['CaseOpened', 'idea 1', 'winner']);
        expect(await log.verify(caseId)).toMatchObject({ ok: true, checked: 3 });
      });

      it('refuses to open a case that was opened meanwhile', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)]));
        const error = await failureOf(
          log.append(appendOnto(caseId, undefined, [caseOpened(caseId, { title: 'twin' })])),
        );
        expect(error).toBeInstanceOf(ConcurrencyConflictError);
        expect((await requireHead(log, caseId)).state.title).not.toBe('twin');
      });

      it('succeeds when the loser re-reads the head and decides again (bounded retry)', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const staleHead = await openCaseWithIdeas(log, caseId, 1);
        await log.append(appendOnto(caseId, staleHead, [ideaRecorded('someone else', minutesAfterStart(3))]));

        let head: CaseHead | undefined = staleHead;
        let attempts = 0;
        let appended = false;
        while (!appended && attempts < 5) {
          attempts += 1;
          try {
            await log.append(appendOnto(caseId, head, [ideaRecorded('mine', minutesAfterStart(4))]));
            appended = true;
          } catch (error) {
            if (!(error instanceof ConcurrencyConflictError)) throw error;
            await sleep(1);
            head = await log.readHead(caseId);
          }
        }

        expect(appended).toBe(true);
        expect(attempts).toBe(2);
        const final = await requireHead(log, caseId);
        expect(final.version).toBe(4);
        expect(final.state.counts.ideas).toBe(3);
      });
    });

    describe('idempotent delivery', () => {
      it('refuses the same delivery twice with the first outcome, writing nothing', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)], 'activity-1'));
        const events = [ideaRecorded('one', minutesAfterStart(1)), ideaRecorded('two', minutesAfterStart(1))];
        const first = await log.append(appendOnto(caseId, opened.head, events, 'activity-2'));

        // Redelivered with the head it was first decided on …
        const stale = await failureOf(log.append(appendOnto(caseId, opened.head, events, 'activity-2')));
        // … and after a re-read, with the current head.
        const fresh = await failureOf(log.append(appendOnto(caseId, first.head, events, 'activity-2')));
        const reopened = await failureOf(
          log.append(appendOnto(caseId, undefined, [caseOpened(caseId)], 'activity-1')),
        );

        for (const error of [stale, fresh]) {
          expect(error).toBeInstanceOf(DuplicateDeliveryError);
          expect((error as DuplicateDeliveryError).record).toEqual({
            deliveryId: 'activity-2',
            firstSeq: 2,
            lastSeq: 3,
          });
        }
        expect((reopened as DuplicateDeliveryError).record).toEqual({
          deliveryId: 'activity-1',
          firstSeq: 1,
          lastSeq: 1,
        });
        expect(await requireHead(log, caseId)).toEqual(first.head);
        expect(await collect(log.readEvents(caseId))).toHaveLength(3);
      });

      it('recognises a delivery older than the recent ones the head remembers, through its own record', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const opened = await log.append(appendOnto(caseId, undefined, [caseOpened(caseId)], 'old-activity'));
        const firstIdea = [ideaRecorded('first', minutesAfterStart(1))];
        let head = (
          await log.append(appendOnto(caseId, opened.head, firstIdea, 'activity-with/odd#chars?\\'))
        ).head;
        for (let index = 0; index < RECENT_DELIVERIES + 1; index += 1) {
          head = (
            await log.append(appendOnto(caseId, head, [ideaRecorded(`n${index}`)], `activity-${index}`))
          ).head;
        }
        expect(head.recentDeliveries).toHaveLength(RECENT_DELIVERIES);
        expect(head.recentDeliveries.map((record) => record.deliveryId)).not.toContain('old-activity');

        const duplicate = await failureOf(
          log.append(appendOnto(caseId, head, [ideaRecorded('again')], 'activity-with/odd#chars?\\')),
        );
        expect((duplicate as DuplicateDeliveryError).record).toEqual({
          deliveryId: 'activity-with/odd#chars?\\',
          firstSeq: 2,
          lastSeq: 2,
        });
        const stale = await failureOf(log.append(appendOnto(caseId, opened.head, firstIdea, 'old-activity')));
        expect(stale).toBeInstanceOf(DuplicateDeliveryError);
        expect((await requireHead(log, caseId)).version).toBe(head.version);
        expect(await log.findDelivery(caseId, 'old-activity')).toEqual({
          deliveryId: 'old-activity',
          firstSeq: 1,
          lastSeq: 1,
        });
      });
    });

    describe('large content', () => {
      it('stores a 100,000-character text whole and reads it back unchanged', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const head = await openCaseWithIdeas(log, caseId, 0);
        const text = awkwardText(100_000);

        await log.append(appendOnto(caseId, head, [ideaRecorded(text, minutesAfterStart(1))]));

        const [stored] = await collect(log.readEvents(caseId, { fromSeq: 2 }));
        const readBack = stored?.event.type === 'IdeaRecorded' ? stored.event.text : undefined;
        expect(readBack?.length).toBe(100_000);
        expect(readBack === text).toBe(true);
        expect(Buffer.from(readBack ?? '', 'utf16le').equals(Buffer.from(text, 'utf16le'))).toBe(true);
        expect(await log.verify(caseId)).toMatchObject({ ok: true, checked: 2 });
      });

      it('refuses a 2,000,000-character text with EventTooLargeError, writing nothing', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const head = await openCaseWithIdeas(log, caseId, 1);

        const error = await failureOf(
          log.append(
            appendOnto(caseId, head, [ideaRecorded('x'.repeat(2_000_000), minutesAfterStart(2))], 'big'),
          ),
        );

        expect(error).toBeInstanceOf(EventTooLargeError);
        expect((error as EventTooLargeError).details).toMatchObject({
          actualCharacters: expect.any(Number) as number,
        });
        expect(await requireHead(log, caseId)).toEqual(head);
        expect(await collect(log.readEvents(caseId))).toHaveLength(2);
        expect(await log.findDelivery(caseId, 'big')).toBeUndefined();
      });

      it('refuses an append whose events and state together exceed one transaction, writing nothing', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        const head = await openCaseWithIdeas(log, caseId, 0);
        // Each text fits one event; four of them, plus the state holding them, do not fit one append.
        const events = [1, 2, 3, 4].map((n) =>
          documentationRecorded(`prompt${n}`, 'y'.repeat(200_000), 1, minutesAfterStart(n)),
        );
        expect(await failureOf(log.append(appendOnto(caseId, head, events)))).toBeInstanceOf(
          EventTooLargeError,
        );
        expect(await requireHead(log, caseId)).toEqual(head);
      });

      it('round-trips a state snapshot too large for one row, and one that shrinks again', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        let head = await openCaseWithIdeas(log, caseId, 0);
        for (let prompt = 1; prompt <= 6; prompt += 1) {
          const answer = documentationRecorded(
            `prompt${prompt}`,
            awkwardText(120_000),
            1,
            minutesAfterStart(prompt),
          );
          const request = appendOnto(caseId, head, [answer]);
          head = (await log.append(request)).head;
          expect(await requireHead(log, caseId)).toEqual(head);
          expect(head.state).toEqual(request.state);
        }
        expect(JSON.stringify(head.state).length).toBeGreaterThan(700_000);

        const shrink = [1, 2, 3, 4, 5, 6].map((prompt) =>
          documentationRecorded(`prompt${prompt}`, `short ${prompt}`, 2, minutesAfterStart(10)),
        );
        const request = appendOnto(caseId, head, shrink);
        const shrunk = (await log.append(request)).head;
        expect(await requireHead(log, caseId)).toEqual(shrunk);
        expect(shrunk.state).toEqual(request.state);
        expect(await log.verify(caseId)).toMatchObject({ ok: true, checked: 13 });
      });
    });

    describe('verify', () => {
      it('passes an intact log and counts its events', async () => {
        const log = await makeLog();
        const caseId = uniqueCaseId();
        await openCaseWithIdeas(log, caseId, 6);
        expect(await log.verify(caseId)).toEqual({ caseId, ok: true, checked: 7 });
      });
    });

    describe('case directory', () => {
      it('lists cases by conversation, status, template, unit and time of last change', async () => {
        const log = await makeLog();
        const chat = '19:abc/def#g?h\\i@thread.v2';
        const otherChat = '19:other@thread.v2';
        const a = uniqueCaseId('a');
        const b = uniqueCaseId('b');
        const c = uniqueCaseId('c');
        await log.append(
          appendOnto(a, undefined, [
            caseOpened(a, { conversationId: chat, unit: 'Nord', at: minutesAfterStart(10) }),
          ]),
        );
        const bOpened = await log.append(
          appendOnto(b, undefined, [
            caseOpened(b, { conversationId: chat, unit: 'Sør', template: { id: 'rollout', version: 2 } }),
          ]),
        );
        await log.append(appendOnto(b, bOpened.head, [casePaused('budget', minutesAfterStart(20))]));
        await log.append(
          appendOnto(c, undefined, [
            caseOpened(c, { conversationId: otherChat, unit: 'Nord', at: minutesAfterStart(30) }),
          ]),
        );
        const ids = async (filter: Parameters<EventLog['listCases']>[0]): Promise<string[]> =>
          (await collect(log.listCases(filter)))
            .map((summary) => summary.caseId)
            .filter((caseId) => [a, b, c].includes(caseId))
            .sort();

        expect(await ids(undefined)).toEqual([a, b, c]);
        expect(await ids({ conversationId: chat })).toEqual([a, b]);
        expect(await ids({ conversationId: otherChat })).toEqual([c]);
        expect(await ids({ conversationId: '19:nobody@thread.v2' })).toEqual([]);
        expect(await ids({ status: 'paused' })).toEqual([b]);
        expect(await ids({ status: 'active' })).toEqual([a, c]);
        expect(await ids({ templateId: 'rollout' })).toEqual([b]);
        expect(await ids({ unit: 'Nord' })).toEqual([a, c]);
        expect(await ids({ unit: "O'Brien" })).toEqual([]);
        expect(await ids({ updatedFrom: minutesAfterStart(20) })).toEqual([b, c]);
        expect(await ids({ updatedTo: minutesAfterStart(20) })).toEqual([a]);
        expect(await ids({ updatedFrom: minutesAfterStart(15), updatedTo: minutesAfterStart(25) })).toEqual([
          b,
        ]);
        expect(await ids({ conversationId: chat, unit: 'Nord' })).toEqual([a]);

        const [summaryOfB] = await collect(log.listCases({ templateId: 'rollout' }));
        expect(summaryOfB).toEqual(summarize((await requireHead(log, b)).state));
      });
    });
  });
}

/** The head's snapshot and its recorded format, as a tampering test sees them. */
export interface StoredHeadSnapshot {
  state: CaseState;
  /** The recorded `STATE_FORMAT`; undefined when none is recorded (a head written before formats). */
  stateFormat: number | undefined;
}

/** A log and a way to rewrite its head behind its back (as an older version, or an attacker, could). */
export interface TamperableLog {
  log: EventLog;
  rewriteHead(caseId: string, change: (head: StoredHeadSnapshot) => StoredHeadSnapshot): Promise<void>;
}

/**
 * What every adapter promises about the stored state: the head's snapshot is read as it is only when it
 * is in the current `STATE_FORMAT`, and `verify` holds such a snapshot to the fold of the events.
 */
export function describeStoredStateContract(name: string, makeLog: () => Promise<TamperableLog>): void {
  describe(`${name} (stored state contract)`, () => {
    async function caseWithIdeas(tamperable: TamperableLog): Promise<{ caseId: string; head: CaseHead }> {
      const caseId = uniqueCaseId();
      return { caseId, head: await openCaseWithIdeas(tamperable.log, caseId, 3) };
    }

    it('writes the current state format with every head', async () => {
      const tamperable = await makeLog();
      const { caseId } = await caseWithIdeas(tamperable);
      let seen: number | undefined;
      await tamperable.rewriteHead(caseId, (head) => {
        seen = head.stateFormat;
        return head;
      });
      expect(seen).toBe(STATE_FORMAT);
    });

    it('names the head when its snapshot was changed but the events were not', async () => {
      const tamperable = await makeLog();
      const { caseId, head } = await caseWithIdeas(tamperable);
      await tamperable.rewriteHead(caseId, ({ state, stateFormat }) => ({
        state: { ...state, title: 'A title no event gave' },
        stateFormat,
      }));

      // A current-format snapshot is read as stored (one point read): that is why verify must check it.
      expect((await requireHead(tamperable.log, caseId)).state.title).toBe('A title no event gave');
      const report = await tamperable.log.verify(caseId);
      expect(report).toMatchObject({
        caseId,
        ok: false,
        checked: 4,
        firstMismatch: { seq: 4, rowKey: HEAD_ROW_KEY, reason: 'snapshotMismatch' },
      });
      expect(report.firstMismatch?.detail).toContain('title');
      expect(report.firstMismatch?.detail).not.toContain('counts');
      expect(head.state.title).not.toBe('A title no event gave');
    });

    it('names the head when its snapshot lacks what the events say (a count, a field)', async () => {
      const tamperable = await makeLog();
      const { caseId } = await caseWithIdeas(tamperable);
      await tamperable.rewriteHead(caseId, ({ state, stateFormat }) => {
        const { derivedTo: _derivedTo, ...withoutField } = state;
        return {
          state: { ...withoutField, counts: { ...state.counts, ideas: 2 } } as CaseState,
          stateFormat,
        };
      });

      const report = await tamperable.log.verify(caseId);
      expect(report.firstMismatch).toMatchObject({ rowKey: HEAD_ROW_KEY, reason: 'snapshotMismatch' });
      expect(report.firstMismatch?.detail).toContain('counts, derivedTo');
    });

    it('compares the snapshot canonically: the order of its keys does not matter', async () => {
      const tamperable = await makeLog();
      const { caseId, head } = await caseWithIdeas(tamperable);
      await tamperable.rewriteHead(caseId, ({ state, stateFormat }) => ({
        state: reverseKeys(state) as CaseState,
        stateFormat,
      }));

      expect(Object.keys((await requireHead(tamperable.log, caseId)).state)[0]).toBe(
        Object.keys(head.state).at(-1),
      );
      expect(await tamperable.log.verify(caseId)).toEqual({ caseId, ok: true, checked: 4 });
    });

    for (const [label, stateFormat] of [
      ['none recorded (a head written before formats)', undefined],
      ['an older format', STATE_FORMAT - 1],
      ['a newer format (written by a later version)', STATE_FORMAT + 1],
    ] as const) {
      it(`reads a head with ${label} as the fold of its events, and the next append writes the current format`, async () => {
        const tamperable = await makeLog();
        const { caseId, head } = await caseWithIdeas(tamperable);
        await tamperable.rewriteHead(caseId, ({ state }) => ({
          state: { ...state, title: 'Stale snapshot', counts: { ...state.counts, ideas: 99 } },
          stateFormat,
        }));

        const read = await requireHead(tamperable.log, caseId);
        expect(read.state).toEqual(head.state);
        expect(read).toMatchObject({ version: 4, lastHash: head.lastHash });
        expect(read.state.title).toBe(caseOpened(caseId).title);
        // Nobody reads such a snapshot, so it is not held to the fold either.
        expect(await tamperable.log.verify(caseId)).toEqual({ caseId, ok: true, checked: 4 });

        const next = (
          await tamperable.log.append(appendOnto(caseId, read, [ideaRecorded('after', minutesAfterStart(9))]))
        ).head;
        expect(next.state.counts.ideas).toBe(4);
        expect(await requireHead(tamperable.log, caseId)).toEqual(next);
        expect(await tamperable.log.verify(caseId)).toEqual({ caseId, ok: true, checked: 5 });
        let written: number | undefined;
        await tamperable.rewriteHead(caseId, (stored) => {
          written = stored.stateFormat;
          return stored;
        });
        expect(written).toBe(STATE_FORMAT);
      });
    }
  });
}

/** The same value with the keys of every object in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}
