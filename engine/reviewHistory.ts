/**
 * What became of one gate review, read from the log: for a card of an older review, whose decision has
 * left the state's few recent decisions. Pure: the caller hands in the case's events in order.
 */
import type { CaseEvent } from './events';
import type { CaseState, DecisionSummary } from './state';
import { evolve } from './state';

/**
 * The decision that closed the review requested at `requestSeq` (approved, sent back, paused, stopped or
 * withdrawn), or undefined while it is still open or when there was no such request.
 */
export function decisionOnReview(
  events: Iterable<{ seq: number; event: CaseEvent }>,
  requestSeq: number,
): DecisionSummary | undefined {
  let state: CaseState | undefined;
  for (const { seq, event } of events) {
    state = evolve(state, event, seq);
    if (seq <= requestSeq) continue;
    const newest = state.recentDecisions[0];
    if (newest?.seq === seq && newest.requestSeq === requestSeq) return newest;
  }
  return undefined;
}
