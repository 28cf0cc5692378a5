/**
 * Proactive messages: writing to a Teams conversation outside a turn the user started (reminders,
 * announcements), and updating an activity posted earlier in place. Both go through
 * `adapter.continueConversationAsync` with a stored conversation reference, so they work after a restart.
 *
 * Rate limits. The Bot Connector answers 429 (with Retry-After) when a bot writes too fast, and 5xx when it
 * has trouble of its own. Proactive calls are retried by this app's rules, not the SDK's (see
 * connectorRetries.ts), and bounded by the work's deadline (connectorDeadline.ts).
 */
import {
  type Activity,
  type ChannelAccount,
  type CloudAdapter,
  type ConversationAccount,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { StoredConversationReference } from '../storage/conversationStore';
import { consoleBotLogger } from './botAdapter';
import { boundConnectorCalls } from './connectorDeadline';
import type { Chat, ProactiveChats } from '../conversation/chat';
import { toActivity, turnChat } from './teamsTurn';
import {
  classify,
  DEFAULTS,
  ProactiveDeliveryError,
  takeOverRetries,
  withRetries,
  type ProactiveOperation,
  type ProactiveRetryOptions,
} from './connectorRetries';

export { parseRetryAfter, ProactiveDeliveryError, type ProactiveRetryOptions } from './connectorRetries';

/** What this module needs of the adapter, so tests can pass a real CloudAdapter or a double. */
export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync'>;

/** A person to @mention: their Teams user id ("29:…", or their Entra object id) and display name. */
export interface ProactiveMention {
  id: string;
  name: string;
}

/** A message to post: text (markdown), an Adaptive Card, or both; mentions must appear in the text. */
export interface ProactiveMessage {
  text?: string;
  /** The card's JSON (an Adaptive Card up to version 1.5, which Teams renders). */
  card?: object;
  mentions?: readonly ProactiveMention[];
}

/** The message activity for a `ProactiveMessage` (the same shape every message of the bot has). */
export function proactiveActivity(message: ProactiveMessage): Partial<Activity> {
  return toActivity({
    ...(message.text !== undefined && { text: message.text }),
    ...(message.card !== undefined && { card: message.card }),
    ...(message.mentions !== undefined && {
      mentions: message.mentions.map((m) => ({ personId: m.id, name: m.name })),
    }),
  });
}

/** A stored reference in the shape botbuilder takes. */
export function toConversationReference(stored: StoredConversationReference): Partial<ConversationReference> {
  // The connector needs the conversation's and the bot's ids; the other fields botbuilder's types call
  // required (isGroup, names) are optional on the wire and are passed only when known.
  return {
    channelId: stored.channelId,
    serviceUrl: stored.serviceUrl,
    conversation: { ...stored.conversation } as ConversationAccount,
    bot: { ...stored.bot } as ChannelAccount,
    ...(stored.user !== undefined && { user: { ...stored.user } as ChannelAccount }),
    ...(stored.activityId !== undefined && { activityId: stored.activityId }),
    ...(stored.locale !== undefined && { locale: stored.locale }),
  };
}

/** Posts a message to the conversation; returns the new activity's id (needed to update it later). */
export async function sendProactive(
  adapter: ProactiveAdapter,
  appId: string,
  reference: StoredConversationReference,
  message: ProactiveMessage | Partial<Activity>,
  options: ProactiveRetryOptions = {},
): Promise<{ activityId: string | undefined; attempts: number }> {
  const activity = isActivity(message) ? message : proactiveActivity(message);
  const { value, attempts } = await inConversation(adapter, appId, reference, 'send', options, (context) =>
    context.sendActivity(activity),
  );
  return { activityId: value?.id, attempts };
}

/** Replaces an activity posted earlier (an approval card after a decision) for everyone in the chat. */
export async function updateProactive(
  adapter: ProactiveAdapter,
  appId: string,
  reference: StoredConversationReference,
  activityId: string,
  message: ProactiveMessage | Partial<Activity>,
  options: ProactiveRetryOptions = {},
): Promise<{ attempts: number }> {
  const activity = isActivity(message) ? message : proactiveActivity(message);
  const { attempts } = await inConversation(adapter, appId, reference, 'update', options, (context) =>
    context.updateActivity({ ...activity, id: activityId }),
  );
  return { attempts };
}

/**
 * Runs `work` in a proactive turn of the conversation (outside any turn a person started): the outbox
 * delivering effects from the dashboard, the reminder run or the timer. Every connector call of the turn
 * is bounded (connectorDeadline.ts); the SDK's own retries stay, inside that bound. What `work` throws is
 * carried out of the turn (the adapter's onTurnError would swallow it); a turn that cannot start at all
 * (no credentials, the token service down) is a `ProactiveDeliveryError` with 0 attempts.
 */
export async function inProactiveTurn<T>(
  adapter: ProactiveAdapter,
  appId: string,
  reference: StoredConversationReference,
  work: (context: TurnContext) => Promise<T>,
): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  try {
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      try {
        boundConnectorCalls(context);
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
  } catch (error) {
    const failure = classify(error, {});
    throw new ProactiveDeliveryError(
      'send',
      reference.conversation.id,
      0,
      failure.status,
      failure.retryable,
      error,
    );
  }
  if (outcome === undefined) {
    throw new ProactiveDeliveryError(
      'send',
      reference.conversation.id,
      0,
      undefined,
      false,
      new Error('The adapter did not run the turn'),
    );
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * A proactive turn's chat whose posts and updates are retried by this module's rules (Retry-After
 * honoured but capped, backoff with jitter, a bounded number of attempts, a typed error at the end)
 * instead of the SDK's, whose retry policy is taken out of this turn's connector client.
 */
export function retryingChat(context: TurnContext, options: ProactiveRetryOptions = {}): Chat {
  const log = options.log ?? consoleBotLogger;
  const conversationId = context.activity.conversation?.id ?? '';
  const maxAttempts = takeOverRetries(context, log) ? (options.maxAttempts ?? DEFAULTS.maxAttempts) : 1;
  const chat = turnChat(context);
  return {
    post: async (message) =>
      (await withRetries('send', conversationId, maxAttempts, options, log, () => chat.post(message))).value,
    replace: async (activityId, message) => {
      await withRetries('update', conversationId, maxAttempts, options, log, () =>
        chat.replace(activityId, message),
      );
    },
  };
}

/** Proactive chats through this adapter, in the bot's name, retried as above. */
export function proactiveChats(
  adapter: ProactiveAdapter,
  appId: string,
  options: ProactiveRetryOptions = {},
): ProactiveChats {
  return {
    open: (reference, work) =>
      inProactiveTurn(adapter, appId, reference, (context) => work(retryingChat(context, options))),
  };
}

function isActivity(message: ProactiveMessage | Partial<Activity>): message is Partial<Activity> {
  return 'type' in message && typeof message.type === 'string';
}

type Outcome<T> = { ok: true; value: T; attempts: number } | { ok: false; error: unknown };

/**
 * Runs `operation` in a proactive turn of the conversation, retrying it as the module comment says.
 * The outcome is carried out of the turn by hand: an error thrown inside the logic would go to the
 * adapter's `onTurnError`, which logs and swallows it, and the caller would believe the message was sent.
 */
async function inConversation<T>(
  adapter: ProactiveAdapter,
  appId: string,
  reference: StoredConversationReference,
  operation: ProactiveOperation,
  options: ProactiveRetryOptions,
  attempt: (context: TurnContext) => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  const conversationId = reference.conversation.id;
  const log = options.log ?? consoleBotLogger;
  let outcome: Outcome<T> | undefined;
  try {
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      try {
        const ownRetries = takeOverRetries(context, log);
        const maxAttempts = ownRetries ? (options.maxAttempts ?? DEFAULTS.maxAttempts) : 1;
        outcome = {
          ok: true,
          ...(await withRetries(operation, conversationId, maxAttempts, options, log, () =>
            attempt(context),
          )),
        };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
  } catch (error) {
    // The turn never started: no connector client (credentials missing or refused, token service down).
    const failure = classify(error, options);
    throw new ProactiveDeliveryError(operation, conversationId, 0, failure.status, failure.retryable, error);
  }
  if (outcome === undefined) {
    throw new ProactiveDeliveryError(
      operation,
      conversationId,
      0,
      undefined,
      false,
      new Error('The adapter did not run the turn'),
    );
  }
  if (!outcome.ok) throw outcome.error;
  return { value: outcome.value, attempts: outcome.attempts };
}
