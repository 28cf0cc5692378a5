/**
 * Effects are data: what should happen outside the log once the events are stored. `decide` returns
 * them beside the events; they are stored in the same append (the outbox) and carried out after it, so
 * a failed append never leaves a message behind that claims something was recorded, and a stored
 * command is never left untold.
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
  /** A manager took a paused case up again (in the chat or on the dashboard): say so in the chat. */
  | { type: 'announceCaseResumed'; stageId: string }
  /** The case entered a stage: ask its first open prompt. */
  | { type: 'askNextPrompt'; stageId: string }
  | { type: 'announceCaseCompleted' }
  /** A reminder was recorded: post it (to the deciders who have not decided, for a waiting gate). */
  | { type: 'sendReminder'; kind: 'idleStage' | 'pendingGate'; stageId: string; personIds: string[] };
