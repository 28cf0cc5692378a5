/**
 * The Teams edge of a turn: what the activity says, read once into the conversation layer's `TurnFacts`,
 * and the ports the conversation layer answers through, on botbuilder: the turn's chat (posting into
 * the activity's thread, replacing a posted card) and the conversation's member list.
 */
import type { Activity, Mention, TurnContext } from 'botbuilder';
import { CardFactory, TeamsInfo } from 'botbuilder';
import { mentionText } from '../cards';
import { sha256Hex } from '../engine';
import { conversationKey } from '../engine/conversationKey';
import { languageOfLocale, type NorwegianForm } from '../engine/localized';
import type { Logger } from '../platform/logger';
import type { StoredConversationReference } from '../storage/conversationStore';
import type { PersonSighting } from '../storage/peopleDirectory';
import type { Chat, Member, Members, OutgoingMessage } from '../conversation/chat';
import type { TurnFacts } from '../conversation/turn';

export { conversationKey, languageOfLocale };

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string };
}

/**
 * What the conversation layer needs of an activity. `writtenForm` is the municipality's written form of
 * Norwegian, which a Norwegian Teams locale gets (Teams has no Nynorsk interface).
 */
export function readTurn(context: TurnContext, at: string, writtenForm: NorwegianForm = 'nb'): TurnFacts {
  const activity = context.activity;
  const from = activity.from ?? { id: 'unknown', name: '' };
  const botId = activity.recipient?.id;
  const mentions: PersonSighting[] = [];
  let text = activity.text ?? '';
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    if (entity.type !== 'mention' || !entity.mentioned?.id) continue;
    const entityText = entity.text ?? '';
    if (entity.mentioned.id === botId) {
      // Remove the bot's own mention wherever it stands in the text.
      if (entityText) text = text.split(entityText).join(' ');
      continue;
    }
    const name = entity.mentioned.name ?? entityText.replace(/<\/?at>/g, '');
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
  const threadId = activity.conversation?.id ?? '';
  return {
    sender: {
      teamsUserId: from.id,
      ...(from.aadObjectId !== undefined && from.aadObjectId !== '' && { aadObjectId: from.aadObjectId }),
      ...(activity.id !== undefined && { activityId: activity.id }),
    },
    actorName: from.name ?? '',
    conversationId: conversationKey(threadId),
    threadId,
    deliveryId: activity.id,
    deliveryFingerprint: fingerprintOf(activity),
    language: languageOfLocale(activity.locale, writtenForm),
    at,
    mentions,
    text,
    textWithoutMentions,
    reference: referenceOf(context),
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

/** A message as a Bot Framework activity: markdown text, the card as an attachment, mention entities. */
export function toActivity(message: OutgoingMessage): Partial<Activity> {
  const mentions = message.mentions ?? [];
  for (const mention of mentions) {
    if (!(message.text ?? '').includes(mentionText(mention.name))) {
      throw new Error(`The text must contain ${mentionText(mention.name)} to mention ${mention.personId}`);
    }
  }
  const entities: Mention[] = mentions.map((mention) => ({
    type: 'mention',
    text: mentionText(mention.name),
    mentioned: { id: mention.personId, name: mention.name },
  }));
  return {
    type: 'message',
    ...(message.text !== undefined && { text: message.text, textFormat: 'markdown' }),
    ...(message.card !== undefined && { attachments: [CardFactory.adaptiveCard(message.card)] }),
    ...(entities.length > 0 && { entities }),
  };
}

/** The chat of a turn (or of a proactive turn's context). */
export function turnChat(context: Pick<TurnContext, 'sendActivity' | 'updateActivity'>): Chat {
  return {
    post: async (message) => (await context.sendActivity(toActivity(message)))?.id,
    replace: async (activityId, message) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    },
  };
}

/** The conversation's roster through the Bot Connector. */
export function turnMembers(context: TurnContext, logger: Logger): Members {
  return {
    get: async (teamsUserId) => {
      try {
        return toMember(await TeamsInfo.getMember(context, teamsUserId));
      } catch (error) {
        logger.warn('Could not look a member up in the conversation', { error: String(error) });
        return undefined;
      }
    },
    all: async () => {
      const members: Member[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 100, continuationToken);
        members.push(...page.members.map(toMember));
        continuationToken = page.continuationToken;
      } while (continuationToken);
      return members;
    },
  };
}

function toMember(member: { id: string; aadObjectId?: string; name: string }): Member {
  return {
    teamsUserId: member.id,
    ...(member.aadObjectId !== undefined && member.aadObjectId !== '' && { aadObjectId: member.aadObjectId }),
    name: member.name,
  };
}
