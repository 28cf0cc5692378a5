/**
 * What the bot remembers about each Teams conversation, beside the case logs: the conversation
 * reference (so reminders and announcements can be sent proactively after a restart), which case the
 * conversation is working on, the question the bot asked last, and the approval cards it posted (so a
 * decision can update them in place for everyone).
 *
 * This is bot state, not the process log: losing it loses no documentation. Updates are guarded by an
 * ETag, because two people in a group chat can answer at the same moment.
 */
import type { Language } from '../engine';

/** The parts of a Bot Framework ConversationReference the bot needs to write to the conversation later. */
export interface StoredConversationReference {
  activityId?: string;
  user?: { id: string; name?: string; aadObjectId?: string };
  bot: { id: string; name?: string };
  conversation: {
    id: string;
    conversationType?: string;
    tenantId?: string;
    isGroup?: boolean;
    name?: string;
  };
  channelId: string;
  serviceUrl: string;
  locale?: string;
}

export interface PendingQuestion {
  caseId: string;
  stageId: string;
  promptId: string;
  askedAt: string;
  /** Prompts the group chose to skip in this stage; the bot asks them again when nothing else is open. */
  skipped: string[];
}

export interface PostedApprovalCard {
  caseId: string;
  stageId: string;
  requestSeq: number;
  /** The Teams activity id of the card, to update it in place. */
  activityId: string;
}

export interface ConversationRecord {
  conversationId: string;
  reference: StoredConversationReference;
  /** The case commands act on when none is named. */
  activeCaseId?: string;
  pendingQuestion?: PendingQuestion;
  /** Approval cards by case id: the newest per case. */
  approvalCards: Record<string, PostedApprovalCard>;
  /** Language of the conversation when no case decides it (from the last user's Teams locale). */
  language?: Language;
  welcomedAt?: string;
  updatedAt: string;
}

export interface ConversationStore {
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /**
   * Reads the record, applies `change` and writes it back, retrying on a concurrent write. `change`
   * gets `undefined` for a conversation seen for the first time and returns the record to store.
   */
  update(
    conversationId: string,
    change: (current: ConversationRecord | undefined) => ConversationRecord,
  ): Promise<ConversationRecord>;
  /** Every conversation (for proactive messages); small: one row per conversation. */
  list(): AsyncIterable<ConversationRecord>;
}
