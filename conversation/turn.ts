/**
 * A turn as the conversation layer sees it: what the activity says (read once by the Teams edge, see
 * bot/teamsTurn.ts), who acts under which person id, and the ports to answer through.
 */
import type { Language } from '../engine';
import type { StoredConversationReference } from '../storage/conversationStore';
import type { PersonSighting } from '../storage/peopleDirectory';
import type { Chat, Members } from './chat';
import type { Place } from './conversationBook';
import type { Sender } from './identity';

export interface TurnFacts {
  /** Who sent the activity, as the channel says (the person id is decided from it: identity.ts). */
  sender: Sender;
  /** Their display name as Teams gives it. */
  actorName: string;
  /** The conversation (a channel's thread ids reduced to the channel: engine/conversationKey.ts). */
  conversationId: string;
  /** The conversation id as the activity carries it (a channel thread keeps its thread). */
  threadId: string;
  /** The activity id: a Teams redelivery carries the same one. */
  deliveryId: string | undefined;
  /**
   * A digest of who sent the activity and what it said: a redelivery has the same one, a different
   * activity that reuses the id (forged, or a broken client) does not, and is refused (caseService.ts).
   */
  deliveryFingerprint: string;
  /** From the user's Teams locale; a case's own language setting overrides it. */
  language: Language;
  /** ISO 8601 UTC, from the app's clock. */
  at: string;
  /** The people the message mentions, besides the bot (person ids not yet resolved). */
  mentions: PersonSighting[];
  /** The message text without the bot's @mention, with other mentions reduced to the names. */
  text: string;
  /** The message text without any @mention: for commands whose mentions are arguments ("ny sak X @Mia"). */
  textWithoutMentions: string;
  /** The way back to this conversation, for proactive messages later. */
  reference: StoredConversationReference;
}

export interface Turn extends TurnFacts {
  /** The person acting: their Entra object id (identity.ts); the Teams id only in local development. */
  actorId: string;
  /** The mentioned people under the ids their own actions are recorded under. */
  mentions: PersonSighting[];
  /** Names of mentioned people Teams could not tie to an Entra id (a command naming them is refused). */
  unresolvedMentions: string[];
  chat: Chat;
  members: Members;
  /** Set once a command of this turn is stored: a later failure must not say "nothing was saved". */
  recorded: boolean;
}

/** Where a turn's changes to the conversation record and its effects happen. */
export function placeOf(turn: Turn): Place {
  return { conversationId: turn.conversationId, reference: turn.reference, at: turn.at };
}

/** The Teams message a message action was used on (its "…" menu), as the Teams edge read it. */
export interface ActedOnMessage {
  messageId: string;
  /** Its text as plain text (Teams sends HTML); empty for a message that is only a card or a file. */
  text: string;
  /** A link back to the message in Teams (https), when Teams gave one. */
  link?: string;
  /**
   * Who wrote it, as Teams names them: in Teams the user's Entra object id (the Agents Playground gives
   * the Teams user id "29:…" instead); absent for a message of a bot or an app.
   */
  author?: { userId: string; name: string };
  /** When it was written, ISO 8601 UTC. */
  writtenAt?: string;
}
