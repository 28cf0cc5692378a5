/**
 * What every turn needs to know about the activity, read once: who acts (as a person id), in which
 * conversation, in which language, which people the message mentions, and the delivery id that makes a
 * redelivered activity record nothing the second time.
 */
import type { TurnContext } from 'botbuilder';
import type { Language } from '../engine';
import { sha256Hex } from '../engine';
import { conversationKey } from '../engine/conversationKey';
import { languageOfLocale } from '../engine/localized';
import type { PersonSighting } from '../storage/peopleDirectory';
import type { StoredConversationReference } from '../storage/conversationStore';

export interface TurnFacts {
  /** The person acting: their Entra object id when Teams sends it (stable across apps), else the Teams id. */
  actorId: string;
  actorName: string;
  conversationId: string;
  /** The activity id: a Teams redelivery carries the same one. */
  deliveryId: string | undefined;
  /**
   * A digest of who sent the activity and what it said: a redelivery has the same one, a different
   * activity that reuses the id (forged, or a broken client) does not, and is refused (caseService.ts).
   */
  deliveryFingerprint: string;
  /** From the user's Teams locale; a case's own language setting overrides it. */
  language: Language;
  /** ISO 8601 UTC, from the bot's clock. */
  at: string;
  /** The people the message mentions, besides the bot. */
  mentions: PersonSighting[];
  /** The message text without the bot's @mention, with other mentions reduced to the names. */
  text: string;
  /** The message text without any @mention: for commands whose mentions are arguments ("ny sak X @Mia"). */
  textWithoutMentions: string;
}

export { conversationKey };

export { languageOfLocale };

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string };
}

export function readTurn(context: TurnContext, at: string): TurnFacts {
  const activity = context.activity;
  const from = activity.from ?? { id: 'unknown', name: '' };
  const actorId = from.aadObjectId ?? from.id;
  const botId = activity.recipient?.id;
  const mentions: PersonSighting[] = [];
  let text = activity.text ?? '';
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity.type !== 'mention' || !entity.mentioned?.id) continue;
    const mentionText = entity.text ?? '';
    if (entity.mentioned.id === botId) {
      // Remove the bot's own mention wherever it stands in the text.
      if (mentionText) text = text.split(mentionText).join(' ');
      continue;
    }
    const name = entity.mentioned.name ?? mentionText.replace(/<\/?at>/g, '');
    mentions.push({
      personId: entity.mentioned.aadObjectId ?? entity.mentioned.id,
      displayName: name,
      teamsUserId: entity.mentioned.id,
      ...(entity.mentioned.aadObjectId !== undefined && { aadObjectId: entity.mentioned.aadObjectId }),
      seenAt: at,
    });
  }
  const textWithoutMentions = text
    .replace(/<at>.*?<\/at>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  text = text
    .replace(/<at>(.*?)<\/at>/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    actorId,
    actorName: from.name ?? '',
    conversationId: conversationKey(activity.conversation?.id ?? ''),
    deliveryId: activity.id,
    deliveryFingerprint: fingerprintOf(activity),
    language: languageOfLocale(activity.locale),
    at,
    mentions,
    text,
    textWithoutMentions,
  };
}

function fingerprintOf(activity: TurnContext['activity']): string {
  const carried = JSON.stringify([
    activity.from?.id ?? '',
    activity.from?.aadObjectId ?? '',
    activity.type,
    activity.name ?? '',
    activity.text ?? '',
    activity.value ?? null,
  ]);
  return sha256Hex(carried).slice(0, 32);
}

/** The parts of the activity needed to write to this conversation again later (proactively). */
export function referenceOf(context: TurnContext): StoredConversationReference {
  const activity = context.activity;
  const conversation = activity.conversation;
  return {
    bot: {
      id: activity.recipient.id,
      ...(activity.recipient.name !== undefined && { name: activity.recipient.name }),
    },
    conversation: {
      // Proactive messages (reminders) go to the channel as new posts, not into an old thread.
      id: conversationKey(conversation.id),
      ...(conversation.conversationType !== undefined && { conversationType: conversation.conversationType }),
      ...(conversation.tenantId !== undefined && { tenantId: conversation.tenantId }),
      ...(conversation.isGroup !== undefined && { isGroup: conversation.isGroup }),
    },
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl,
    ...(activity.locale !== undefined && { locale: activity.locale }),
  };
}
