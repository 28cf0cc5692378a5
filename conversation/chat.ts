/**
 * What the conversation layer needs of Teams, as ports the Teams edge (bot/) implements with botbuilder:
 * a chat to post to (in a turn, or proactively to a stored conversation) and the conversation's member
 * list. Nothing in conversation/ imports botbuilder, so moving the edge to the Microsoft 365 Agents SDK
 * is a change of bot/ alone.
 */
import type { StoredConversationReference } from '../storage/conversationStore';

/** A person to @mention: the id Teams notifies (their Teams user id "29:…", or their person id) and name. */
export interface MentionTarget {
  personId: string;
  name: string;
}

/**
 * A message to post: markdown text, an Adaptive Card (1.5), or both. Each mention must appear in the text
 * as `mentionText(name)` (cards/text.ts), the one way a mention is written.
 */
export interface OutgoingMessage {
  text?: string;
  card?: object;
  mentions?: readonly MentionTarget[];
}

export interface Chat {
  /** Posts a message (in a turn: into the thread of the activity); returns the new message's id. */
  post(message: OutgoingMessage): Promise<string | undefined>;
  /** Replaces a message posted earlier (an approval card after a decision) for everyone. */
  replace(activityId: string, message: OutgoingMessage): Promise<void>;
}

/** A member of the conversation, as its roster says. */
export interface Member {
  teamsUserId: string;
  aadObjectId?: string;
  name: string;
}

export interface Members {
  /** One member by their Teams user id; undefined when the roster does not know them or cannot be read. */
  get(teamsUserId: string): Promise<Member | undefined>;
  /** Everyone in the conversation; throws when the roster cannot be read (outside Teams, no permission). */
  all(): Promise<Member[]>;
}

/** Chats outside any turn: a proactive message to the conversation of a stored reference. */
export interface ProactiveChats {
  /** Runs `work` with a chat to that conversation; a conversation that cannot be reached throws. */
  open<T>(reference: StoredConversationReference, work: (chat: Chat) => Promise<T>): Promise<T>;
}

/** Posts markdown text. */
export function postText(chat: Chat, text: string): Promise<string | undefined> {
  return chat.post({ text });
}

/** Posts an Adaptive Card. */
export function postCard(chat: Chat, card: object): Promise<string | undefined> {
  return chat.post({ card });
}
