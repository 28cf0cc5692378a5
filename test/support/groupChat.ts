/**
 * A project group's chat driven through the bot harness, as the bot tests need it: a new group chat
 * with its members, a message to the bot, a card click, what the bot wrote since, and the chat's case.
 * Every call moves the test's clock on a minute first, so each command has a time of its own.
 */
import { expect } from 'vitest';
import type { AdaptiveCard } from '../../cards';
import type { CaseState } from '../../engine';
import type { BotHarness } from './botHarness';
import type { TeamsConversation, TeamsUser } from './teamsActivities';
import { asConnectorMember, cardActionInvoke, groupChat, messageActivity } from './teamsActivities';

export interface Group {
  conversation: TeamsConversation;
  /** The chat's case, once one is opened. */
  caseId: string;
}

export interface Posted {
  text: string;
  card?: AdaptiveCard;
}

export interface GroupChatDriver {
  newGroup(members: readonly TeamsUser[], name?: string): Group;
  /** Everything the bot posted in the chat after the first `before` activities. */
  sentSince(g: Group, before: number): Posted[];
  /** How many activities the bot has posted in the chat so far. */
  sentCount(g: Group): number;
  /** A message to the bot; what it posted in answer. */
  say(
    g: Group,
    from: TeamsUser,
    text: string,
    options?: { mentions?: TeamsUser[]; locale?: string },
  ): Promise<Posted[]>;
  /** A card click (Action.Execute); the invoke response. */
  click(
    g: Group,
    from: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<{ type: string; value: unknown }>;
  /** The group's case as stored now (its active one when `caseId` is not set yet). */
  activeCase(g: Group): Promise<CaseState>;
}

export function groupChatDriver(harness: () => BotHarness, tick: () => void): GroupChatDriver {
  const sentCount = (g: Group) => harness().connector.sentActivities(g.conversation.id).length;
  const sentSince = (g: Group, before: number): Posted[] =>
    harness()
      .connector.sentActivities(g.conversation.id)
      .slice(before)
      .map((sent) => {
        const card = (sent.activity.attachments as { content?: AdaptiveCard }[] | undefined)?.[0]?.content;
        return { text: sent.activity.text ?? '', ...(card !== undefined && { card }) };
      });
  return {
    newGroup(members, name = 'Hverdagsrehabilitering') {
      const conversation = groupChat(undefined, name);
      harness().connector.setMembers(conversation.id, members.map(asConnectorMember));
      return { conversation, caseId: '' };
    },
    sentSince,
    sentCount,
    async say(g, from, text, options = {}) {
      tick();
      const before = sentCount(g);
      const h = harness();
      const response = await h.send(
        messageActivity({
          serviceUrl: h.serviceUrl,
          conversation: g.conversation,
          from,
          text,
          ...(options.mentions !== undefined && { mentions: options.mentions }),
          ...(options.locale !== undefined && { locale: options.locale }),
        }),
      );
      expect(response.status).toBe(200);
      return sentSince(g, before);
    },
    async click(g, from, verb, data) {
      tick();
      const h = harness();
      const response = await h.send(
        cardActionInvoke({ serviceUrl: h.serviceUrl, conversation: g.conversation, from, verb, data }),
      );
      expect(response.status).toBe(200);
      return response.body as { type: string; value: unknown };
    },
    async activeCase(g) {
      const h = harness();
      const caseId = g.caseId || (await h.services.conversations.get(g.conversation.id))?.activeCaseId;
      const state = caseId ? await h.services.cases.getCase(caseId) : undefined;
      if (!state) throw new Error('no case in this chat');
      return state;
    },
  };
}

/** The texts of what was posted, one message a line. */
export function textOf(posted: readonly Posted[]): string {
  return posted.map((p) => p.text).join('\n');
}
