/**
 * Retrying the Bot Connector outside a person's turn (proactive.ts). botframework-connector already
 * retries by itself: its `ConnectorClient` is an `@azure/core-client` ServiceClient whose pipeline holds
 * core-rest-pipeline's `defaultRetryPolicy` (3 retries, so 4 attempts: 429 and 503 wait for Retry-After
 * – without any upper bound – and 5xx/408 and network errors back off exponentially from 1 s up to 64 s).
 * Its options cannot be changed through botbuilder, and its sleeps cannot be replaced in tests; retrying
 * again around it would multiply the attempts (4 × 4) and the waits.
 *
 * So proactive sends take the retrying over: `takeOverRetries` removes `defaultRetryPolicy` from the
 * pipeline of the connector client created for this one proactive turn (botbuilder creates a new client
 * per `continueConversationAsync`, so nothing else is affected), and `withRetries` retries with
 * Retry-After honoured but capped, exponential backoff with jitter for 5xx, a bounded number of attempts,
 * an injectable sleep, and a typed error at the end. If a future botbuilder hides the pipeline, it makes
 * one attempt and leaves the retrying to the SDK (and says so once): either the SDK retries or we do.
 */
import type { TurnContext } from 'botbuilder';
import type { BotLogger } from './botAdapter';
import { connectorPipeline } from './connectorDeadline';

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

export const DEFAULTS = {
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

export async function withRetries<T>(
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
export function takeOverRetries(context: TurnContext, log: BotLogger): boolean {
  const pipeline = connectorPipeline(context);
  if (pipeline) {
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

interface Failure {
  status: number | undefined;
  retryable: boolean;
  /** What the connector asked for (capped), when it did. */
  retryAfterMs?: number;
}

/** What a failed connector call means for retrying. */
export function classify(error: unknown, options: ProactiveRetryOptions): Failure {
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
