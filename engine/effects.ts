/**
 * Effects are data: what should happen outside the log once the events are stored. `decide` returns
 * them beside the events; the bot carries them out after the append succeeds, so a failed append never
 * leaves a message behind that claims something was recorded.
 */
export type Effect =
  /** Ask the deciders of a gate to review it (an approval card that mentions them). */
  | { type: 'notifyDeciders'; stageId: string; deciderIds: string[] }
  /** One decider approved; more approvals are needed. */
  | { type: 'announceApprovalProgress'; stageId: string; approvals: number; approvalsNeeded: number }
  /** A gate was decided: approved, sent back, paused or stopped. */
  | {
      type: 'announceGateOutcome';
      stageId: string;
      outcome: 'approved' | 'approvedWithConditions' | 'sentBack' | 'paused' | 'stopped' | 'withdrawn';
      /** The stage the case is in afterwards, when it goes on. */
      nextStageId?: string;
    }
  /** The case entered a stage: ask its first open prompt. */
  | { type: 'askNextPrompt'; stageId: string }
  | { type: 'announceCaseCompleted' };
