/**
 * Proactive messages: writing to a Teams conversation outside a turn the user started (reminders,
 * announcements), and updating an activity posted earlier in place. Both go through
 * `adapter.continueConversationAsync` with a stored conversation reference, so they work after a restart.
 *
 * Rate limits. The Bot Connector answers 429 (with Retry-After) when a bot writes too fast, and 5xx when it
 * has trouble of its own. botframework-connector already retries by itself: its `ConnectorClient` is an
 * `@azure/core-client` ServiceClient whose pipeline holds core-rest-pipeline's `defaultRetryPolicy` (3
 * retries, so 4 attempts: 429 and 503 wait for Retry-After – without any upper bound – and 5xx/408 and
 * network errors back off exponentially from 1 s up to 64 s). Its options cannot be changed through
 * botbuilder (the connector factory does not pass `retryOptions` on), and its sleeps cannot be replaced
 * in tests. Retrying again around it would multiply the attempts (4 × 4) and the waits.
 *
 * So this module takes the retrying over for its own calls: it removes `defaultRetryPolicy` from the
 * pipeline of the connector client created for this one proactive turn (botbuilder creates a new client
 * per `continueConversationAsync`, so nothing else is affected) and retries itself, with Retry-After
 * honoured but capped, exponential backoff with jitter for 5xx, a bounded number of attempts, an
 * injectable sleep, and a typed error at the end. If a future botbuilder hides the pipeline, it makes one
 * attempt and leaves the retrying to the SDK (and says so once): either the SDK retries or we do, never
 * both.
 */
import {
  type Activity,
  type ChannelAccount,
  type CloudAdapter,
  type ConversationAccount,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { mentionText } from '../cards';
import type { StoredConversationReference } from '../storage/conversationStore';
import { consoleBotLogger, type BotLogger } from './botAdapter';
import { boundConnectorCalls } from './connectorDeadline';
import type { Chat, ProactiveChats } from '../conversation/chat';
import { toActivity, turnChat } from './teamsTurn';

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

export interface ProactiveRetryOptions {
  /** Attempts per operation, the first included (4 by default, as the SDK's own policy). */
  maxAttempts?: number;
  /** First backoff after a 5xx; doubles with every attempt. */
  baseDelayMs?: number;
  /**
   * Longest single wait, for backoff and for Retry-After alike. A connector asking for longer is treated
   * as asking for this long: a timer run must finish, and the next run picks up what is left.
   */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); the jitter's source. */
  random?: () => number;
  /** Milliseconds since the epoch; for Retry-After given as an HTTP date. */
  now?: () => number;
  log?: BotLogger;
}

export type ProactiveOperation = 'send' | 'update';

/**
 * The connector did not take the message: after `attempts` attempts (0 when the turn could not even be
 * started, for example without credentials), with the last HTTP status if there was one.
 */
export class ProactiveDeliveryError extends Error {
  constructor(
    readonly operation: ProactiveOperation,
    readonly conversationId: string,
    readonly attempts: number,
    readonly status: number | undefined,
    /** True when the failure was of a kind worth retrying (throttling, server trouble) but retries ran out. */
    readonly retryable: boolean,
    cause: unknown,
  ) {
    super(
      `Could not ${operation} an activity in conversation ${conversationId} ` +
        `(${attempts} attempt${attempts === 1 ? '' : 's'}${status === undefined ? '' : `, last status ${status}`})`,
      { cause },
    );
    this.name = 'ProactiveDeliveryError';
  }
}

const DEFAULTS = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/** The name core-rest-pipeline gives the retry policy it adds to every client. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** Network failures worth another attempt (as core-rest-pipeline's own list, plus undici's). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'REQUEST_SEND_ERROR',
]);

/**
 * `<at>Name</at>`: how a mention appears in the text; the entity must carry the same string. The one
 * rule for it is the cards' (a name cannot close the tag early), used for every mention the bot writes.
 */
export const mentionTag = mentionText;

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

async function withRetries<T>(
  operation: ProactiveOperation,
  conversationId: string,
  maxAttempts: number,
  options: ProactiveRetryOptions,
  log: BotLogger,
  attempt: () => Promise<T>,
): Promise<{ value: T; attempts: number }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return { value: await attempt(), attempts: attemptNumber };
    } catch (error) {
      const failure = classify(error, options);
      if (!failure.retryable || attemptNumber >= maxAttempts) {
        throw new ProactiveDeliveryError(
          operation,
          conversationId,
          attemptNumber,
          failure.status,
          failure.retryable,
          error,
        );
      }
      const delayMs = failure.retryAfterMs ?? backoffMs(attemptNumber, options);
      log.warn('The Bot Connector refused a proactive activity; retrying', {
        operation,
        conversationId,
        attempt: attemptNumber,
        status: failure.status,
        delayMs,
      });
      await sleep(delayMs);
    }
  }
}

/**
 * Removes the SDK's retry policy from this turn's connector client. Returns false when the client or
 * its pipeline is not where botbuilder 4.23 keeps them; then the SDK's retries stay and ours stand down.
 */
function takeOverRetries(context: TurnContext, log: BotLogger): boolean {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  const pipeline = (client as { client?: { pipeline?: unknown } } | undefined)?.client?.pipeline;
  if (isPipeline(pipeline)) {
    pipeline.removePolicy({ name: SDK_RETRY_POLICY });
    if (!pipeline.getOrderedPolicies().some((policy) => /retry/i.test(policy.name))) return true;
  }
  if (!warnedAboutPipeline) {
    warnedAboutPipeline = true;
    log.warn(
      'The connector client no longer exposes its HTTP pipeline as botbuilder 4.23 did; proactive sends ' +
        "make one attempt and rely on the SDK's own retries (Retry-After is then not capped).",
    );
  }
  return false;
}
let warnedAboutPipeline = false;

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  getOrderedPolicies(): { name: string }[];
}

function isPipeline(value: unknown): value is PipelineLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<PipelineLike>).removePolicy === 'function' &&
    typeof (value as Partial<PipelineLike>).getOrderedPolicies === 'function'
  );
}

interface Failure {
  status: number | undefined;
  retryable: boolean;
  /** What the connector asked for (capped), when it did. */
  retryAfterMs?: number;
}

/** What a failed connector call means for retrying. */
function classify(error: unknown, options: ProactiveRetryOptions): Failure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    statusCode?: unknown;
    code?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined | null } };
  };
  const status = typeof details.statusCode === 'number' ? details.statusCode : undefined;
  if (status === undefined) {
    return {
      status,
      retryable: typeof details.code === 'string' && RETRYABLE_NETWORK_CODES.has(details.code),
    };
  }
  const retryable = status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
  if (!retryable) return { status, retryable };
  const header = details.response?.headers?.get?.('retry-after') ?? undefined;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header, options) : undefined;
  return { status, retryable, ...(retryAfterMs !== undefined && { retryAfterMs }) };
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at `maxDelayMs`. */
export function parseRetryAfter(
  value: string | undefined,
  options: ProactiveRetryOptions = {},
): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const cap = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, cap);
  // An HTTP date names its weekday and month; without letters, Date.parse would read "-3" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(date)) return undefined;
  const now = options.now?.() ?? Date.now();
  return Math.min(Math.max(0, date - now), cap);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so senders that failed
 * together do not all come back at the same moment, yet each still waits at least half the step.
 */
function backoffMs(attempt: number, options: ProactiveRetryOptions): number {
  const base = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const cap = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const step = Math.min(cap, base * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(step / 2 + (step / 2) * random());
}
