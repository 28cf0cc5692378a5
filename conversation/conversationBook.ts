/**
 * The bot's own record of each conversation (storage/conversationStore.ts): the way back to it, the
 * active case, the question asked last, the approval cards posted. Every change to it goes through
 * here, so the record always carries the conversation id, the latest reference and when it changed.
 *
 * Two kinds of change. Some are part of what a person asked for ("switch to case 2", the question the
 * bot is about to ask): they fail the request when they cannot be stored (`update`). The rest is
 * bookkeeping (remembering the reference on every turn, the id of a posted approval card): a failure
 * there is logged and never turns a recorded command into an error (`note`).
 */
import type {
  ConversationRecord,
  ConversationStore,
  StoredConversationReference,
} from '../storage/conversationStore';
import type { Logger } from '../platform/logger';

/** Where a change happens: the conversation, the turn's reference (absent outside a turn), and when. */
export interface Place {
  conversationId: string;
  /** The reference of the activity being handled; outside a turn the stored one is kept. */
  reference?: StoredConversationReference;
  at: string;
}

export class ConversationBook {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly logger: Logger,
  ) {}

  get(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.conversations.get(conversationId);
  }

  /** Applies `change` to the record (created on first use); a failure fails the caller. */
  update(
    place: Place,
    change: (record: ConversationRecord) => ConversationRecord,
  ): Promise<ConversationRecord> {
    return this.conversations.update(place.conversationId, (current) => change(this.base(place, current)));
  }

  /** Like `update`, for bookkeeping: a failure is logged, not thrown; true when stored. */
  async note(
    place: Place,
    why: string,
    change: (record: ConversationRecord) => ConversationRecord = (record) => record,
  ): Promise<boolean> {
    try {
      await this.update(place, change);
      return true;
    } catch (error) {
      this.logger.warn(
        'A conversation record could not be updated; nothing the person asked for depends on it',
        {
          conversationId: place.conversationId,
          why,
          error,
        },
      );
      return false;
    }
  }

  private base(place: Place, current: ConversationRecord | undefined): ConversationRecord {
    const reference = place.reference ?? current?.reference;
    if (reference === undefined) {
      throw new Error(
        `No reference to conversation ${place.conversationId} is known to store with its record`,
      );
    }
    return {
      approvalCards: {},
      ...current,
      conversationId: place.conversationId,
      reference,
      updatedAt: place.at,
    };
  }
}
