/**
 * The contract between the cards and the bot: the verbs every Action.Execute carries, the data each
 * verb sends back, and the ids of the inputs Teams merges into that data. One module, imported by both
 * sides, so a card can never send a verb or a field the bot does not read (and the tests check that
 * every Action.Execute in every card uses a verb from here).
 *
 * Stale cards are normal in Teams (a card stays in the chat for months, and several people see the
 * same one). Each verb therefore carries what the bot needs to notice that the card is out of date
 * before acting: the stage and round for stage forms, the gate's request sequence number for
 * approval cards, the case version for status cards.
 */
import type { GateOutcome } from '../engine';

/** Every card verb, lowerCamel, exactly as it travels in `action.verb`. */
export const CARD_VERBS = {
  /** The open-case form was submitted. */
  openCase: 'openCase',
  /** Show the open-case form. */
  showOpenCaseForm: 'showOpenCaseForm',
  /** A stage form was submitted. */
  recordDocumentation: 'recordDocumentation',
  /** Show the form of the case's current stage. */
  showStageForm: 'showStageForm',
  /** Show the status card of a case. */
  showStatus: 'showStatus',
  /** Ask the deciders to review the current stage's gate. */
  requestReview: 'requestReview',
  /** A decider decided a gate (approve, approve with conditions, send back, pause, stop). */
  decideGate: 'decideGate',
  /** Card refresh of an approval card: deciders get the decision view, everyone else the status. */
  refreshApproval: 'refreshApproval',
  /** Re-render a status card with the case as it stands now. */
  refreshStatus: 'refreshStatus',
  /** Make this case the conversation's active case. */
  switchCase: 'switchCase',
  /** The acting person joins the case as a member. */
  joinCase: 'joinCase',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

const VERB_SET: ReadonlySet<string> = new Set(Object.values(CARD_VERBS));

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && VERB_SET.has(value);
}

/** The gate outcomes a decider can choose on an approval card (the engine's `GateDecision`). */
export const GATE_OUTCOMES = [
  'approve',
  'approveWithConditions',
  'sendBack',
  'pause',
  'stop',
] as const satisfies readonly GateOutcome[];

/** Data of every action on an existing case. */
export type CaseActionData = { caseId: string };

/** A stage form names the stage and round it was rendered for; a form from another round is stale. */
export type StageFormActionData = CaseActionData & { stageId: string; round: number };

/** An approval card names the gate request it shows; a decision on an older request is refused. */
export type GateActionData = CaseActionData & { stageId: string; requestSeq: number };

export type DecideGateActionData = GateActionData & { outcome: GateOutcome };

/** A status card names the case version it showed. */
export type StatusActionData = CaseActionData & { version: number };

/** Requesting a review from a card names the stage and round the person saw. */
export type RequestReviewActionData = CaseActionData & { stageId: string; round: number; version: number };

/** What each verb carries in `action.data`, besides the inputs Teams merges in. */
export interface CardActionDataByVerb {
  /** No case exists yet: the form's inputs are all there is. */
  openCase: Record<string, never>;
  showOpenCaseForm: Record<string, never>;
  recordDocumentation: StageFormActionData;
  showStageForm: CaseActionData;
  showStatus: CaseActionData & { version?: number };
  requestReview: RequestReviewActionData;
  decideGate: DecideGateActionData;
  refreshApproval: GateActionData;
  refreshStatus: CaseActionData & { version?: number };
  switchCase: CaseActionData;
  joinCase: CaseActionData;
}

/**
 * Ids of the inputs on the cards. Prefixed so an input can never collide with a data field (Teams
 * merges inputs into `data`, and a collision would let an input overwrite `caseId`).
 */
export const INPUT_IDS = {
  openCase: {
    title: 'openCase.title',
    unit: 'openCase.unit',
    municipality: 'openCase.municipality',
    template: 'openCase.template',
    managers: 'openCase.managers',
    language: 'openCase.language',
  },
  /** The answer to a prompt (every prompt kind). */
  answer: (promptId: string) => `answer.${promptId}`,
  /** Free text for "other" on choice prompts that allow it. */
  other: (promptId: string) => `other.${promptId}`,
  /** The text shown for a link answer. */
  linkLabel: (promptId: string) => `linkLabel.${promptId}`,
  /** "Not applicable, because …" for any prompt. */
  notApplicable: (promptId: string) => `notApplicable.${promptId}`,
  political: {
    body: 'political.body',
    meetingDate: 'political.meetingDate',
    caseNumber: 'political.caseNumber',
    decisionText: 'political.decisionText',
    link: 'political.link',
    stillStandsBecause: 'political.stillStandsBecause',
  },
  /** The dialog of the message action that keeps a Teams message as an idea or a barrier. */
  keepMessage: {
    kind: 'keepMessage.kind',
    caseId: 'keepMessage.caseId',
    text: 'keepMessage.text',
  },
  decision: {
    comment: 'decision.comment',
    conditions: 'decision.conditions',
    conditionsComment: 'decision.conditionsComment',
    sendBackTo: 'decision.sendBackTo',
    sendBackReason: 'decision.sendBackReason',
    pauseReason: 'decision.pauseReason',
    stopReason: 'decision.stopReason',
  },
} as const;

/**
 * The message action (a message extension's action command on a message's "…" menu) and what its dialog
 * sends back with `Action.Submit`: the message it was opened on and when, and a digest of the
 * conversation it was opened in (a dialog is answered in the conversation it came from).
 */
export const MESSAGE_ACTIONS = { keepMessage: 'keepMessage' } as const;

export type MessageActionId = (typeof MESSAGE_ACTIONS)[keyof typeof MESSAGE_ACTIONS];

export function isMessageActionId(value: unknown): value is MessageActionId {
  return typeof value === 'string' && (Object.values(MESSAGE_ACTIONS) as string[]).includes(value);
}

export interface KeepMessageDialogData {
  action: typeof MESSAGE_ACTIONS.keepMessage;
  messageId: string;
  /** When the dialog was opened, ISO 8601 UTC (the app's clock). */
  openedAt: string;
  /** A digest of the conversation the dialog was opened in. */
  conversation: string;
}

/** The choice value for an idea in the dialog; a barrier's is `barrier:<category id>`. */
export const KEEP_AS_IDEA = 'idea';
export const KEEP_AS_BARRIER_PREFIX = 'barrier:';

/**
 * The choice value for "other" in choice prompts that allow it. Template option ids start with a
 * lowercase letter, so this can never be a real option.
 */
export const OTHER_CHOICE = '_other';
