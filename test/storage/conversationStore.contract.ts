/**
 * The behaviour every `ConversationStore` adapter must show, run against the in-memory fake and the Table
 * adapter on Azurite (conversationStore.test.ts). A test here is a promise the bot relies on; an
 * adapter-specific detail (row layout, conflict handling on the wire) belongs in the adapter's own tests.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord, ConversationStore } from '../../storage/conversationStore';
import { MAX_CONVERSATION_RECORD_CHARACTERS } from '../../storage/conversationRecords';
import { awkwardText, collect, minutesAfterStart } from './caseFixtures';
import { failureOf } from './eventLog.contract';

/** A Teams-like group chat id no other test uses. */
export function uniqueConversationId(): string {
  return `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
}

/** A complete record as the bot writes it after a few turns. */
export function sampleRecord(
  conversationId: string,
  overrides: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    conversationId,
    reference: {
      bot: { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Innovasjonsporter' },
      conversation: {
        id: conversationId,
        conversationType: 'groupChat',
        tenantId: '00000000-0000-0000-0000-0000000000te',
        isGroup: true,
      },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      locale: 'nb-NO',
    },
    activeCaseId: 'case-1',
    pendingQuestion: {
      caseId: 'case-1',
      stageId: 'define-challenge',
      promptId: 'challenge',
      askedAt: minutesAfterStart(1),
      skipped: [],
    },
    approvalCards: {
      'case-1': { caseId: 'case-1', stageId: 'define-challenge', requestSeq: 12, activityId: '1:abc' },
    },
    language: 'nb',
    welcomedAt: minutesAfterStart(0),
    updatedAt: minutesAfterStart(1),
    ...overrides,
  };
}

export function describeConversationStoreContract(name: string, makeStore: () => ConversationStore): void {
  describe(`${name} (ConversationStore contract)`, () => {
    it('knows nothing of a conversation it has not seen', async () => {
      const store = makeStore();
      expect(await store.get(uniqueConversationId())).toBeUndefined();
    });

    it('creates a record on the first update, handing the change undefined, and reads it back', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      const seen: (ConversationRecord | undefined)[] = [];

      const stored = await store.update(conversationId, (current) => {
        seen.push(current);
        return sampleRecord(conversationId);
      });

      expect(seen).toEqual([undefined]);
      expect(stored).toEqual(sampleRecord(conversationId));
      expect(await store.get(conversationId)).toEqual(sampleRecord(conversationId));
    });

    it('hands the change the stored record and keeps what it returns', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      await store.update(conversationId, () => sampleRecord(conversationId));

      const stored = await store.update(conversationId, (current) => {
        expect(current).toEqual(sampleRecord(conversationId));
        const next: ConversationRecord = { ...sampleRecord(conversationId), activeCaseId: 'case-2' };
        delete next.pendingQuestion;
        return next;
      });

      expect(stored.activeCaseId).toBe('case-2');
      const read = await store.get(conversationId);
      expect(read?.activeCaseId).toBe('case-2');
      expect(read).not.toHaveProperty('pendingQuestion');
    });

    it('returns copies: changing an object read or returned changes nothing stored', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      const written = sampleRecord(conversationId);
      const returned = await store.update(conversationId, () => written);

      written.activeCaseId = 'mutated-after-write';
      returned.approvalCards['case-9'] = { caseId: 'case-9', stageId: 's', requestSeq: 1, activityId: 'x' };
      const read = await store.get(conversationId);
      if (read) read.language = 'en';

      expect(await store.get(conversationId)).toEqual(sampleRecord(conversationId));
    });

    it('keeps awkward conversation ids apart and finds each again', async () => {
      const store = makeStore();
      const suffix = randomUUID();
      const ids = [
        `19:channel@thread.tacv2;messageid=1712345678901-${suffix}`,
        `a:1/with\\slashes#and?marks%20-${suffix}`,
        `a:1/with\\slashes#and?marks%2520-${suffix}`,
        `tab\there\u0001-${suffix}`,
        `${'x'.repeat(600)}-${suffix}`,
        `${'x'.repeat(600)}-${suffix}-other`,
      ];
      for (const id of ids)
        await store.update(id, () => sampleRecord(id, { activeCaseId: `case-for-${id}` }));

      for (const id of ids) expect((await store.get(id))?.activeCaseId).toBe(`case-for-${id}`);
    });

    it('stores a long record whole', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      const approvalCards: ConversationRecord['approvalCards'] = {};
      for (let index = 0; index < 400; index += 1) {
        approvalCards[`case-${index}-${awkwardText(200)}`] = {
          caseId: `case-${index}`,
          stageId: 'staff-involvement',
          requestSeq: index,
          activityId: `1:${awkwardText(20)}`,
        };
      }
      const record = sampleRecord(conversationId, { approvalCards });
      expect(JSON.stringify(record).length).toBeGreaterThan(60_000);

      await store.update(conversationId, () => record);

      expect(await store.get(conversationId)).toEqual(record);
    });

    it('refuses a record too large to store, or filed under another conversation, and stores nothing', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      const huge = sampleRecord(conversationId, {
        activeCaseId: 'x'.repeat(MAX_CONVERSATION_RECORD_CHARACTERS),
      });

      expect(await failureOf(store.update(conversationId, () => huge))).toBeInstanceOf(Error);
      expect(
        await failureOf(store.update(conversationId, () => sampleRecord(uniqueConversationId()))),
      ).toBeInstanceOf(Error);

      expect(await store.get(conversationId)).toBeUndefined();
    });

    it('stores nothing when the change throws, and passes its error on', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      await store.update(conversationId, () => sampleRecord(conversationId));
      const refusal = new Error('no, not like this');

      expect(
        await failureOf(
          store.update(conversationId, () => {
            throw refusal;
          }),
        ),
      ).toBe(refusal);
      expect(await store.get(conversationId)).toEqual(sampleRecord(conversationId));
    });

    it('lists every conversation', async () => {
      const store = makeStore();
      const ids = [uniqueConversationId(), uniqueConversationId(), uniqueConversationId()];
      for (const id of ids) await store.update(id, () => sampleRecord(id));

      const listed = await collect(store.list());

      expect(listed.map((record) => record.conversationId)).toEqual(expect.arrayContaining(ids));
      expect(listed.find((record) => record.conversationId === ids[1])).toEqual(sampleRecord(ids[1] ?? ''));
    });

    it('keeps every change of ten concurrent updates', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();
      await store.update(conversationId, () => sampleRecord(conversationId));

      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          store.update(conversationId, (current) => {
            const record = current ?? sampleRecord(conversationId);
            const pending = record.pendingQuestion ?? sampleRecord(conversationId).pendingQuestion;
            if (!pending) throw new Error('the sample has a pending question');
            return {
              ...record,
              pendingQuestion: { ...pending, skipped: [...pending.skipped, `prompt-${index}`] },
            };
          }),
        ),
      );

      const skipped = (await store.get(conversationId))?.pendingQuestion?.skipped ?? [];
      expect([...skipped].sort()).toEqual(Array.from({ length: 10 }, (_, index) => `prompt-${index}`).sort());
    });

    it('keeps every change of ten concurrent first updates of a new conversation', async () => {
      const store = makeStore();
      const conversationId = uniqueConversationId();

      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          store.update(conversationId, (current) => {
            const record = current ?? sampleRecord(conversationId, { approvalCards: {} });
            return {
              ...record,
              approvalCards: {
                ...record.approvalCards,
                [`case-${index}`]: {
                  caseId: `case-${index}`,
                  stageId: 's',
                  requestSeq: index,
                  activityId: `a${index}`,
                },
              },
            };
          }),
        ),
      );

      const cards = (await store.get(conversationId))?.approvalCards ?? {};
      expect(Object.keys(cards).sort()).toEqual(
        Array.from({ length: 10 }, (_, index) => `case-${index}`).sort(),
      );
    });
  });
}
