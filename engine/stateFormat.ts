/**
 * Format versions of what the log stores: the state snapshot `evolve` produces and the events `decide`
 * emits. The log writes them beside every head and every event, so a reader can tell a shape it knows
 * from one an older (or newer) version of this code wrote, instead of casting it and hoping.
 */

/**
 * The format of `CaseState` as `evolve` builds it. Bump it in the same commit as any change to `evolve`
 * or `CaseState` after which the same events fold to another state (a field added, renamed or dropped;
 * a rule that counts or keeps something differently): heads written under any other format are then
 * re-folded from their events when read, instead of being trusted, and the next append of each case
 * stores the new format. test/engine/stateFormat.test.ts fails when the fold changes and this does not.
 *
 * 1: every head written before the format was recorded (the head row has no `stateFormat`).
 * 2: the same shape, with the format recorded.
 * 3: a state is one of four statuses with only what that status can have (`CaseState` is a union):
 *    a stop ends a completion, and a review is pending only in an active case. What decide records folds
 *    as before; only logs it never writes (a completed case stopped) fold to another state.
 * 4: a stage remembers the send-back that brought the case into it and the conditions its entry gate
 *    was passed with; a political decision record its sequence number and why it still stands; a passed
 *    gate's decision the approvers' comments.
 */
export const STATE_FORMAT = 4;

/**
 * The format of stored events (the JSON of `CaseEvent`). Bump it when an event's shape changes, and add
 * the upcaster from the previous format in storage/storedFormats.ts in the same commit: events are
 * stored and hashed as they were written and upcast to the current shape when read.
 *
 * 1: every event so far (a row without `eventFormat` is format 1).
 */
export const CASE_EVENT_FORMAT = 1;
