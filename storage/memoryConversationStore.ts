/**
 * The conversation store in memory: the fast fake for bot tests, held to the same contract suite as the
 * Table adapter (test/storage/conversationStore.test.ts). Records are kept as JSON, so nothing a caller
 * holds can change what is "stored", and whatever would not survive the Table adapter's JSON round trip
 * (an `undefined` field, a `Date`) does not survive here either.
 */
import type { ConversationRecord, ConversationStore } from './conversationStore';
import { parseConversationRecord, serializeConversationRecord } from './conversationRecords';

/** `ConversationStore` in process memory; see the module comment. */
export class MemoryConversationStore implements ConversationStore {
  private readonly records = new Map<string, string>();

  get(conversationId: string): Promise<ConversationRecord | undefined> {
    const json = this.records.get(conversationId);
    return Promise.resolve(json === undefined ? undefined : parseConversationRecord(json));
  }

  /**
   * Read, change and write happen in one turn of the event loop (`change` is synchronous), which is this
   * fake's equivalent of the Table adapter's ETag guard: no other update can land in between.
   */
  update(
    conversationId: string,
    change: (current: ConversationRecord | undefined) => ConversationRecord,
  ): Promise<ConversationRecord> {
    try {
      const json = this.records.get(conversationId);
      const next = change(json === undefined ? undefined : parseConversationRecord(json));
      const stored = serializeConversationRecord(conversationId, next);
      this.records.set(conversationId, stored);
      return Promise.resolve(parseConversationRecord(stored));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async *list(): AsyncIterable<ConversationRecord> {
    // A snapshot: records added while the caller iterates are not visited, as with a paged Table query.
    for (const json of [...this.records.values()]) {
      await Promise.resolve();
      yield parseConversationRecord(json);
    }
  }
}
