/**
 * The two shapes a bot message takes: markdown text, or an Adaptive Card. Every message the bot posts in
 * a turn (its own or a proactive one) goes through these, so they look the same everywhere.
 */
import type { Activity, Attachment, ResourceResponse } from 'botbuilder';
import { CardFactory } from 'botbuilder';

/**
 * What posting to a conversation needs: a turn's `TurnContext` is one, and so is a proactive turn's
 * context wrapped with bounded retries (proactive.ts `retryingChannel`).
 */
export interface ConversationChannel {
  sendActivity(activity: Partial<Activity>): Promise<ResourceResponse | undefined>;
  updateActivity(activity: Partial<Activity>): Promise<ResourceResponse | void>;
}

/** Posts markdown text; returns the new activity's id when the connector gave one. */
export async function sendText(channel: ConversationChannel, text: string): Promise<string | undefined> {
  return (await channel.sendActivity({ type: 'message', text, textFormat: 'markdown' }))?.id;
}

/** Posts an Adaptive Card; returns the new activity's id when the connector gave one. */
export async function sendCard(
  channel: ConversationChannel,
  card: Attachment['content'],
): Promise<string | undefined> {
  return (await channel.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] }))?.id;
}
