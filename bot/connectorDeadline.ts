/**
 * Deadlines for the Bot Connector. botbuilder's connector client has no timeout of its own, and its retry
 * policy waits as long as a 429's Retry-After says, without a cap: a slow or throttling connector could
 * hold a turn far past the 15 s (message) or 5 s (card action) Teams waits for it. Every connector call
 * of a turn is therefore bounded: it is aborted after `CONNECTOR_CALL_TIMEOUT_MS`, or when the turn's
 * budget (platform/deadline.ts) ends, whichever is first. The policy sits in front of the client's retry
 * policy, so the bound covers its retries and their waits too.
 */
import type { TurnContext } from 'botbuilder';
import { callSignal } from '../platform/deadline';

/** Longest one connector call (a post, an update, a member lookup) may take, its retries included. */
export const CONNECTOR_CALL_TIMEOUT_MS = 8_000;

const POLICY_NAME = 'connectorDeadline';

interface PipelineRequestLike {
  abortSignal?: AbortSignal;
}

type SendRequest = (
  request: PipelineRequestLike,
  next: (request: PipelineRequestLike) => Promise<unknown>,
) => Promise<unknown>;

export interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest: SendRequest }): void;
  removePolicy(options: { name: string }): unknown;
  getOrderedPolicies(): { name: string }[];
}

/** The HTTP pipeline of the turn's connector client, where botbuilder 4.23 keeps it. */
export function connectorPipeline(context: TurnContext): PipelineLike | undefined {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  const pipeline = (client as { client?: { pipeline?: unknown } } | undefined)?.client?.pipeline;
  return isPipeline(pipeline) ? pipeline : undefined;
}

/** Bounds every connector call of this turn; false when the client is not where it is expected. */
export function boundConnectorCalls(context: TurnContext): boolean {
  const pipeline = connectorPipeline(context);
  if (!pipeline) return false;
  if (pipeline.getOrderedPolicies().some((policy) => policy.name === POLICY_NAME)) return true;
  pipeline.addPolicy({
    name: POLICY_NAME,
    sendRequest: (request, next) => {
      request.abortSignal = callSignal(CONNECTOR_CALL_TIMEOUT_MS, request.abortSignal);
      return next(request);
    },
  });
  return true;
}

function isPipeline(value: unknown): value is PipelineLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<PipelineLike>).addPolicy === 'function' &&
    typeof (value as Partial<PipelineLike>).removePolicy === 'function' &&
    typeof (value as Partial<PipelineLike>).getOrderedPolicies === 'function'
  );
}
