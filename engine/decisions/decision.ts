/**
 * What a decider returns, and the small things every decider shares: stamping events with who and
 * when (from the context, never a clock), and the round a stage is in.
 */
import type { DecisionContext } from '../commands';
import type { Effect } from '../effects';
import type { CaseEvent, UnstampedEvent } from '../events';
import type { CaseState } from '../state';

export interface Decision {
  events: CaseEvent[];
  effects: Effect[];
}

/** A command that changes nothing records nothing (joining twice, a role held already). */
export const NOTHING: Decision = { events: [], effects: [] };

/** The events stamped with the context's actor and time, and the effects to carry out. */
export function stamp(context: DecisionContext, events: UnstampedEvent[], effects: Effect[] = []): Decision {
  return {
    events: events.map((event) => ({ ...event, at: context.at, actorId: context.actorId })),
    effects,
  };
}

export function roundOf(state: CaseState, stageId: string): number {
  return state.stages[stageId]?.round ?? 0;
}
