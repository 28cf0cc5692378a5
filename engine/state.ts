/**
 * The current state of a case, folded from its events by `evolve`. The state is what `decide` needs to
 * judge the next command and what a status card shows; everything else (each revision, each idea, each
 * reminder) stays in the log. The head row of the log stores this state, so reading a case costs one
 * point read whatever the log's length.
 */
import type { Answer, PoliticalDecisionReference } from './answers';
import type { DocumentationBasis } from './events';
import type { Language } from './localized';
import type { CaseRole, TemplateRef } from './template';

export { assertNever } from './assertNever';
export { evolve, foldEvents, RECENT_DECISIONS } from './evolve';

export type CaseStatus = 'active' | 'paused' | 'stopped' | 'completed';

export interface StageProgress {
  /** How many times the stage has been entered; 0 while it lies ahead for the first time. */
  round: number;
  status: 'ahead' | 'current' | 'passed';
  enteredAt?: string;
  passedAt?: string;
  /**
   * How the stage was entered last, when a gate sent the case back to it: the send-back's sequence
   * number and reason. A review of the stage is refused until something in it changed after that.
   */
  sentBack?: { seq: number; fromStageId: string; reason: string; at: string; by: string };
  /** The conditions the gate before this stage was passed with, for this stage's review to follow up. */
  carriedConditions?: { fromStageId: string; conditions: string[]; at: string; deciderIds: string[] };
}

export interface AnswerRecord {
  stageId: string;
  round: number;
  revision: number;
  answer: Answer;
  at: string;
  actorId: string;
  seq: number;
}

export interface PoliticalDecisionRecord {
  round: number;
  revision: number;
  reference: PoliticalDecisionReference;
  /** Recorded in a later round unchanged: why the same decision still stands. */
  stillStandsBecause?: string;
  at: string;
  actorId: string;
  /** Sequence number of the event that recorded it. */
  seq: number;
}

export interface Approval {
  personId: string;
  at: string;
  conditions?: string;
  comment?: string;
}

export interface PendingGate {
  stageId: string;
  round: number;
  requestedAt: string;
  requestedBy: string;
  /** Sequence number of the request: a card names it, so a decision on an older request is refused. */
  requestSeq: number;
  deciderIds: string[];
  approvalsNeeded: number;
  approvals: Approval[];
  basis: DocumentationBasis;
}

export interface DecisionSummary {
  outcome:
    'approved' | 'approvedWithConditions' | 'sentBack' | 'paused' | 'resumed' | 'stopped' | 'withdrawn';
  stageId: string;
  round: number;
  at: string;
  deciderIds: string[];
  reason?: string;
  conditions?: string[];
  toStageId?: string;
  /** The approvers' comments, for a passed gate. */
  comments?: { personId: string; text: string }[];
  /** For decisions that closed a gate review: the sequence number of that review request. */
  requestSeq?: number;
  seq: number;
}

/** Who paused or stopped a case, when, and why. */
export interface Halt {
  at: string;
  by: string;
  reason: string;
}

/** What every case has, whatever its status. */
export interface CaseBase {
  caseId: string;
  title: string;
  unit?: string;
  municipality?: string;
  conversationId: string;
  template: TemplateRef;
  language: Language;
  openedAt: string;
  openedBy: string;
  /** Time of the newest event of any kind. */
  updatedAt: string;
  /** Time of the newest event made by people (not reminders), for idle reminders. */
  lastActivityAt: string;
  lastReminderAt?: string;
  /** Sequence number of the newest event folded in: the case's version. */
  version: number;
  currentStageId: string;
  stages: Record<string, StageProgress>;
  answers: Record<string, AnswerRecord>;
  politicalDecisions: Record<string, PoliticalDecisionRecord>;
  roles: Record<string, CaseRole[]>;
  /** The newest decisions first, at most `RECENT_DECISIONS`; the log keeps all. */
  recentDecisions: DecisionSummary[];
  counts: { ideas: number; barriers: number; reminders: number; memos: number };
  derivedFrom?: string;
  derivedTo: string[];
  /**
   * People who have declined that their contributions are used for research (their latest
   * `ResearchConsentRecorded` says so). Absent in heads written before consent existed: nobody declined.
   */
  researchDeclined?: string[];
}

/** A case at work: the only status in which a gate review can be pending. */
export interface ActiveCase extends CaseBase {
  status: 'active';
  gate?: PendingGate;
  pause?: undefined;
  stop?: undefined;
  completedAt?: undefined;
}

/** A paused case: pausing closed any pending review; a manager resumes it. */
export interface PausedCase extends CaseBase {
  status: 'paused';
  pause: Halt;
  gate?: undefined;
  stop?: undefined;
  completedAt?: undefined;
}

/** A stopped case: closed for good, no review pending, no pause. */
export interface StoppedCase extends CaseBase {
  status: 'stopped';
  stop: Halt;
  gate?: undefined;
  pause?: undefined;
  completedAt?: undefined;
}

/** A completed case: its last gate passed. */
export interface CompletedCase extends CaseBase {
  status: 'completed';
  completedAt: string;
  gate?: undefined;
  pause?: undefined;
  stop?: undefined;
}

/**
 * A case in one of its four statuses, each saying what cannot be true at once: a gate is pending only
 * in an active case, a paused case has its pause, a stopped case its stop, a completed case the time it
 * completed. The fields a status does not have stay readable (as undefined) on every status.
 */
export type CaseState = ActiveCase | PausedCase | StoppedCase | CompletedCase;

export function hasRole(state: CaseState, personId: string, role: CaseRole): boolean {
  return state.roles[personId]?.includes(role) ?? false;
}

/** Owners, members and managers take part in the case; researchers only read it. */
export function isParticipant(state: CaseState, personId: string): boolean {
  return (state.roles[personId] ?? []).some((role) => role !== 'researcher');
}

/** Whether the person has declined that their contributions to this case are used for research. */
export function hasDeclinedResearch(state: CaseState, personId: string): boolean {
  return state.researchDeclined?.includes(personId) ?? false;
}

/** Every person id the state names (roles, the pending gate, answers, decisions): to be shown, or hidden. */
export function peopleInState(state: CaseState): string[] {
  const ids = new Set<string>([
    state.openedBy,
    ...Object.keys(state.roles),
    ...(state.researchDeclined ?? []),
  ]);
  if (state.gate) {
    ids.add(state.gate.requestedBy);
    for (const id of state.gate.deciderIds) ids.add(id);
    for (const approval of state.gate.approvals) ids.add(approval.personId);
  }
  for (const record of Object.values(state.answers)) {
    ids.add(record.actorId);
    if (record.answer.type === 'people') for (const id of record.answer.personIds) ids.add(id);
  }
  for (const record of Object.values(state.politicalDecisions)) ids.add(record.actorId);
  for (const decision of state.recentDecisions) for (const id of decision.deciderIds) ids.add(id);
  if (state.pause) ids.add(state.pause.by);
  if (state.stop) ids.add(state.stop.by);
  return [...ids].filter((id) => !id.startsWith('system:'));
}

export function peopleWithRole(state: CaseState, role: CaseRole): string[] {
  return Object.entries(state.roles)
    .filter(([, roles]) => roles.includes(role))
    .map(([personId]) => personId)
    .sort();
}

/** What a case list shows and filters on; kept in the case directory beside the log. */
export interface CaseSummary {
  caseId: string;
  conversationId: string;
  title: string;
  unit?: string;
  municipality?: string;
  templateId: string;
  templateVersion: number;
  status: CaseStatus;
  currentStageId: string;
  openedAt: string;
  updatedAt: string;
  version: number;
  gatePending: boolean;
}

export function summarize(state: CaseState): CaseSummary {
  return {
    caseId: state.caseId,
    conversationId: state.conversationId,
    title: state.title,
    ...(state.unit !== undefined && { unit: state.unit }),
    ...(state.municipality !== undefined && { municipality: state.municipality }),
    templateId: state.template.id,
    templateVersion: state.template.version,
    status: state.status,
    currentStageId: state.currentStageId,
    openedAt: state.openedAt,
    updatedAt: state.updatedAt,
    version: state.version,
    gatePending: state.gate !== undefined,
  };
}
