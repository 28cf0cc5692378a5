/**
 * Commands: what people (and the reminder timer) ask the case to do. Imperative names. A command says
 * nothing about who or when: `decide` gets those in its context, from the adapter that received it.
 */
import type { Answer, PoliticalDecisionReference } from './answers';
import type { MessageOrigin, ResearchConsent } from './events';
import type { Language } from './localized';
import type { CaseRole, ProcessTemplate, TemplateRef } from './template';

/** Opens a case in a conversation. The acting person becomes its owner. */
export interface OpenCase {
  type: 'OpenCase';
  caseId: string;
  title: string;
  unit?: string;
  municipality?: string;
  conversationId: string;
  template: TemplateRef;
  language: Language;
  /** People who decide gates from the start; more can be assigned later. */
  managerIds: string[];
  /** The completed case this one spreads (diffusion); record it there with `RecordDiffusion`. */
  derivedFrom?: string;
}

/** The acting person joins the case as a member (used for people already in the conversation). */
export interface JoinCase {
  type: 'JoinCase';
}

export interface AssignRole {
  type: 'AssignRole';
  personId: string;
  role: CaseRole;
}

export interface RevokeRole {
  type: 'RevokeRole';
  personId: string;
  role: CaseRole;
}

/** Records answers for the current stage; unchanged answers record nothing. */
export interface RecordDocumentation {
  type: 'RecordDocumentation';
  /** The stage the person was answering; a mismatch means the card or question is stale. */
  stageId: string;
  answers: { promptId: string; answer: Answer }[];
  /** A political decision reference submitted with the same form (stages whose gate needs one). */
  politicalDecision?: PoliticalDecisionReference;
  /** With the reference of an earlier round unchanged: why that decision still stands. */
  politicalStillStandsBecause?: string;
}

export interface RecordPoliticalDecision {
  type: 'RecordPoliticalDecision';
  stageId: string;
  reference: PoliticalDecisionReference;
  /** The reference recorded in an earlier round, again: why that decision still stands. */
  stillStandsBecause?: string;
}

export interface RecordIdea {
  type: 'RecordIdea';
  ideaId: string;
  text: string;
  source?: string;
  /** Kept from a Teams message (the message action) rather than typed to the bot. */
  origin?: MessageOrigin;
}

export interface RecordBarrier {
  type: 'RecordBarrier';
  barrierId: string;
  text: string;
  category: string;
  /** Kept from a Teams message (the message action) rather than typed to the bot. */
  origin?: MessageOrigin;
}

export interface RequestGateReview {
  type: 'RequestGateReview';
  stageId: string;
}

export interface WithdrawGateReview {
  type: 'WithdrawGateReview';
  stageId: string;
  reason?: string;
}

export type GateDecision =
  | { outcome: 'approve'; comment?: string }
  | { outcome: 'approveWithConditions'; conditions: string; comment?: string }
  | { outcome: 'sendBack'; toStageId: string; reason: string }
  | { outcome: 'pause'; reason: string }
  | { outcome: 'stop'; reason: string };

export type GateOutcome = GateDecision['outcome'];

export interface DecideGate {
  type: 'DecideGate';
  stageId: string;
  /** The request the decider saw (its sequence number); a decision on an older request is refused. */
  requestSeq?: number;
  decision: GateDecision;
  /** A political decision reference entered on the approval card, recorded before the decision. */
  politicalDecision?: PoliticalDecisionReference;
}

export interface PauseCase {
  type: 'PauseCase';
  reason: string;
}

export interface ResumeCase {
  type: 'ResumeCase';
}

export interface StopCase {
  type: 'StopCase';
  reason: string;
}

/** On a completed case: records that a new case spreads it to another unit or municipality. */
export interface RecordDiffusion {
  type: 'RecordDiffusion';
  toCaseId: string;
  unit?: string;
  municipality?: string;
}

export interface ChangeLanguage {
  type: 'ChangeLanguage';
  language: Language;
}

/** Recorded by the reminder timer after it decides a reminder is due (at most one a day). */
export interface RecordReminder {
  type: 'RecordReminder';
  kind: 'idleStage' | 'pendingGate';
}

export interface RecordMemo {
  type: 'RecordMemo';
  memoId: string;
  text: string;
  aboutSeq?: number;
}

/**
 * The acting person says whether their contributions to this case may be used for research. Anyone may
 * say it about themselves, at any time (also after the case has ended), and take it back.
 */
export interface RecordResearchConsent {
  type: 'RecordResearchConsent';
  consent: ResearchConsent;
}

export type CaseCommand =
  | OpenCase
  | JoinCase
  | AssignRole
  | RevokeRole
  | RecordDocumentation
  | RecordPoliticalDecision
  | RecordIdea
  | RecordBarrier
  | RequestGateReview
  | WithdrawGateReview
  | DecideGate
  | PauseCase
  | ResumeCase
  | StopCase
  | RecordDiffusion
  | ChangeLanguage
  | RecordReminder
  | RecordMemo
  | RecordResearchConsent;

export type CaseCommandType = CaseCommand['type'];

/** Who acts, when, and under which process: given by the adapter, never taken from a clock inside. */
export interface DecisionContext {
  actorId: string;
  /** ISO 8601 UTC. */
  at: string;
  template: ProcessTemplate;
}
