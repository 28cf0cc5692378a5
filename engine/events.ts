/**
 * The events of a case: the facts the process log is made of. Named in the past tense; each is emitted
 * by `decide` and folded by `evolve`. Every event carries when it happened (`at`, ISO 8601 UTC) and who
 * did it (`actorId`, a person id; never a name). The log adds the sequence number and the hash chain.
 */
import type { Answer, PoliticalDecisionReference } from './answers';
import type { Language } from './localized';
import type { CaseRole, TemplateRef } from './template';

interface EventBase {
  /** When it happened, ISO 8601 in UTC, as given by the command. */
  at: string;
  /** Who did it: a person id (Teams/Entra id) or a system actor such as `system:reminders`. */
  actorId: string;
}

/** What a gate decision was based on: the documentation as it stood, frozen by revision and hash. */
export interface DocumentationBasis {
  /** The latest revision of every answered prompt of the stage at that moment. */
  answers: { promptId: string; revision: number }[];
  /** The revision of the political decision reference, for gates that need one. */
  politicalDecisionRevision?: number;
  /** SHA-256 (hex) of the canonical JSON of the stage id, those answers' contents and the reference. */
  hash: string;
}

/** Emitted when a project group starts a case in a conversation. Always the first event of a case. */
export interface CaseOpened extends EventBase {
  type: 'CaseOpened';
  caseId: string;
  title: string;
  unit?: string;
  municipality?: string;
  /** The Teams conversation the case lives in. */
  conversationId: string;
  template: TemplateRef;
  language: Language;
  /** Set when this case spreads a completed case to another unit or municipality. */
  derivedFrom?: string;
}

/** Emitted when a person gets a role in the case (the opener becomes owner). */
export interface RoleAssigned extends EventBase {
  type: 'RoleAssigned';
  personId: string;
  role: CaseRole;
}

/** Emitted when a person loses a role in the case. */
export interface RoleRevoked extends EventBase {
  type: 'RoleRevoked';
  personId: string;
  role: CaseRole;
}

/** Emitted when the case enters a stage: at the start, after an approved gate, or when sent back. */
export interface StageEntered extends EventBase {
  type: 'StageEntered';
  stageId: string;
  /** 1 the first time; each later entry (a send-back, or passing forward again) counts one more. */
  round: number;
  via: 'start' | 'approval' | 'sendBack';
}

/** Emitted for every new revision of an answer; earlier revisions stay in the log. */
export interface DocumentationRecorded extends EventBase {
  type: 'DocumentationRecorded';
  stageId: string;
  round: number;
  promptId: string;
  /** 1 for the first answer to this prompt, counting up across rounds. */
  revision: number;
  answer: Answer;
}

/** Emitted when a political decision reference is recorded (or corrected) for a stage. */
export interface PoliticalDecisionRecorded extends EventBase {
  type: 'PoliticalDecisionRecorded';
  stageId: string;
  round: number;
  revision: number;
  reference: PoliticalDecisionReference;
  /** The same reference recorded again in a later round: why that decision still stands. */
  stillStandsBecause?: string;
}

/**
 * Where a recorded idea or barrier came from when it was kept from a Teams message (the message action),
 * rather than typed to the bot. Absent on an idea or barrier typed to the bot.
 */
export interface MessageOrigin {
  kind: 'message';
  /** The Teams message's id. */
  messageId: string;
  /** A link back to the message in Teams, when Teams gave one. */
  link?: string;
  /** Who wrote the message (their person id, the Entra object id); absent for a message of a bot or an app. */
  authorId?: string;
  /** When the message was written, ISO 8601 UTC, as Teams says. */
  writtenAt?: string;
}

/** Emitted when someone captures an idea from everyday practice (bricolage). */
export interface IdeaRecorded extends EventBase {
  type: 'IdeaRecorded';
  ideaId: string;
  stageId: string;
  text: string;
  /** An idea source id from the template, when known. */
  source?: string;
  /** Kept from a Teams message: which one, and who wrote it. */
  origin?: MessageOrigin;
}

/** Emitted when someone records a barrier, with its research category. */
export interface BarrierRecorded extends EventBase {
  type: 'BarrierRecorded';
  barrierId: string;
  stageId: string;
  text: string;
  category: string;
  /** Kept from a Teams message: which one, and who wrote it. */
  origin?: MessageOrigin;
}

/** Emitted when the group asks the deciders to review the current stage's gate. */
export interface GateReviewRequested extends EventBase {
  type: 'GateReviewRequested';
  stageId: string;
  round: number;
  /** The people who may decide, as the rule stood when it was requested. */
  deciderIds: string[];
  /** How many approvals pass the gate. */
  approvalsNeeded: number;
  basis: DocumentationBasis;
}

/** Emitted when the requester (or the owner) takes a pending review back to keep working. */
export interface GateReviewWithdrawn extends EventBase {
  type: 'GateReviewWithdrawn';
  stageId: string;
  round: number;
  reason?: string;
}

/** Emitted for each decider's approval; the gate passes when enough have approved. */
export interface GateApprovalGiven extends EventBase {
  type: 'GateApprovalGiven';
  stageId: string;
  round: number;
  /** Conditions attached to this approval ("approve with conditions"). */
  conditions?: string;
  comment?: string;
  basis: DocumentationBasis;
}

/** Emitted when a gate has gathered its approvals. The next stage is entered (or the case completes). */
export interface GatePassed extends EventBase {
  type: 'GatePassed';
  stageId: string;
  round: number;
  outcome: 'approved' | 'approvedWithConditions';
  approverIds: string[];
  conditions: string[];
  basis: DocumentationBasis;
}

/** Emitted when a decider sends the case back to this or an earlier stage; earlier answers are kept. */
export interface GateSentBack extends EventBase {
  type: 'GateSentBack';
  stageId: string;
  round: number;
  toStageId: string;
  reason: string;
  basis: DocumentationBasis;
}

/** Emitted when a manager pauses the case, at a gate or between gates. */
export interface CasePaused extends EventBase {
  type: 'CasePaused';
  stageId: string;
  round: number;
  reason: string;
  /** Present when the pause was the outcome of a pending gate review (which it closes). */
  basis?: DocumentationBasis;
}

/** Emitted when a manager resumes a paused case. */
export interface CaseResumed extends EventBase {
  type: 'CaseResumed';
  stageId: string;
  round: number;
}

/** Emitted when a manager stops the case for good. */
export interface CaseStopped extends EventBase {
  type: 'CaseStopped';
  stageId: string;
  round: number;
  reason: string;
  basis?: DocumentationBasis;
}

/** Emitted when the last stage's gate passes. */
export interface CaseCompleted extends EventBase {
  type: 'CaseCompleted';
}

/** Emitted on a completed case when a new case spreads it to another unit or municipality. */
export interface CaseDiffused extends EventBase {
  type: 'CaseDiffused';
  toCaseId: string;
  unit?: string;
  municipality?: string;
}

/** Emitted when the group changes the language the bot speaks in this case. */
export interface CaseLanguageChanged extends EventBase {
  type: 'CaseLanguageChanged';
  language: Language;
}

/** Emitted when the bot reminds the group of an idle stage or the deciders of a pending gate. */
export interface ReminderSent extends EventBase {
  type: 'ReminderSent';
  kind: 'idleStage' | 'pendingGate';
  stageId: string;
  round: number;
  /** Who was reminded (the deciders, for a pending gate). */
  personIds: string[];
}

/** Emitted when a researcher annotates the case or one of its events; the annotated event is unchanged. */
export interface MemoRecorded extends EventBase {
  type: 'MemoRecorded';
  memoId: string;
  text: string;
  /** The sequence number of the event the memo is about; absent for a memo on the whole case. */
  aboutSeq?: number;
}

/**
 * Emitted when a person says whether what they contribute to this case may be used for research, or takes
 * that back. Consent is presumed until someone declines; exports withhold a person's free text while the
 * latest of these events by them says `declined` (the events stay; only their texts are held back).
 */
export interface ResearchConsentRecorded extends EventBase {
  type: 'ResearchConsentRecorded';
  consent: ResearchConsent;
}

/** `declined`: my contributions may not be used for research; `given`: they may (again). */
export type ResearchConsent = 'declined' | 'given';

export type CaseEvent =
  | CaseOpened
  | RoleAssigned
  | RoleRevoked
  | StageEntered
  | DocumentationRecorded
  | PoliticalDecisionRecorded
  | IdeaRecorded
  | BarrierRecorded
  | GateReviewRequested
  | GateReviewWithdrawn
  | GateApprovalGiven
  | GatePassed
  | GateSentBack
  | CasePaused
  | CaseResumed
  | CaseStopped
  | CaseCompleted
  | CaseDiffused
  | CaseLanguageChanged
  | ReminderSent
  | MemoRecorded
  | ResearchConsentRecorded;

export type CaseEventType = CaseEvent['type'];

/** Every event type, for adapters that must recognise them (exports, storage checks). */
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseOpened',
  'RoleAssigned',
  'RoleRevoked',
  'StageEntered',
  'DocumentationRecorded',
  'PoliticalDecisionRecorded',
  'IdeaRecorded',
  'BarrierRecorded',
  'GateReviewRequested',
  'GateReviewWithdrawn',
  'GateApprovalGiven',
  'GatePassed',
  'GateSentBack',
  'CasePaused',
  'CaseResumed',
  'CaseStopped',
  'CaseCompleted',
  'CaseDiffused',
  'CaseLanguageChanged',
  'ReminderSent',
  'MemoRecorded',
  'ResearchConsentRecorded',
];

/**
 * Events that are the innovation process itself: what the group, its managers and the political
 * leadership did. Not: research memos (the researchers' reading of the case), reminders (the bot's), a
 * person's research consent, and giving or taking research access. Durations, "days open" and "last
 * activity" are measured on these only, so a memo written a year later moves no figure.
 */
export function isProcessEvent(event: CaseEvent): boolean {
  switch (event.type) {
    case 'MemoRecorded':
    case 'ReminderSent':
    case 'ResearchConsentRecorded':
      return false;
    case 'RoleAssigned':
    case 'RoleRevoked':
      return event.role !== 'researcher';
    default:
      return true;
  }
}

/** Distributes an omission over a union, so each event's own fields stay required. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as `decide` builds it before stamping time and actor. */
export type UnstampedEvent = DistributiveOmit<CaseEvent, 'at' | 'actorId'>;
