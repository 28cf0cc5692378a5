/**
 * What the dashboard API (GET /api/tab/cases, GET /api/tab/cases/{id}) answers, and so what the tab's
 * page (tab/) draws. Types only: the browser bundle imports them, so nothing here may pull in server code.
 *
 * Every text is already in the language the page asked for (`lang`), and people appear as the viewer
 * may see them: by display name for the case's own participants, as "Deltaker 3" for a researcher who
 * only reads the case (as in research exports).
 */

export type ViewLanguage = 'nb' | 'nn' | 'en';
export type ViewCaseStatus = 'active' | 'paused' | 'stopped' | 'completed';
export type ViewCaseRole = 'owner' | 'manager' | 'member' | 'researcher';

/** A gate review waiting for decisions. */
export interface PendingApprovalView {
  caseId: string;
  caseTitle: string;
  stageId: string;
  stageTitle: string;
  round: number;
  /** The review request's number: a decision names it, so a decision on an older request is refused. */
  requestSeq: number;
  requestedAt: string;
  requestedBy: string;
  approvalsNeeded: number;
  approvals: { by: string; at: string }[];
  deciders: string[];
  /** The viewer is one of the deciders and has not approved yet. */
  awaitingViewer: boolean;
  /** The stages a decider may send the case back to: this one and every earlier one. */
  sendBackTargets: { id: string; title: string }[];
}

/** Why a paused case waits: who paused it, when, and their reason. */
export interface PauseView {
  at: string;
  by: string;
  reason: string;
  /** The viewer may resume the case (a manager of it): the page offers a button. */
  viewerMayResume: boolean;
}

/** A case as the list shows it. */
export interface CaseCardView {
  caseId: string;
  title: string;
  unit?: string;
  municipality?: string;
  status: ViewCaseStatus;
  statusName: string;
  currentStage: { id: string; title: string };
  openedAt: string;
  updatedAt: string;
  /** The viewer's roles in the case, as ids and as words. */
  viewerRoles: ViewCaseRole[];
  viewerRoleNames: string[];
  pendingGate?: PendingApprovalView;
  /** Present while the case is paused. */
  pause?: PauseView;
  /** The viewer may download research exports of this case (researcher app role and case role). */
  canExport: boolean;
}

export interface CaseListView {
  language: ViewLanguage;
  /** `conversation`: the cases of the team or chat the tab is in; `mine`: every case the viewer is in. */
  scope: 'conversation' | 'mine';
  cases: CaseCardView[];
  /** Gate reviews where the viewer is a decider who has not approved yet, oldest first. */
  waitingForViewer: PendingApprovalView[];
  /** More cases matched than the list holds. */
  truncated: boolean;
}

/** One stay in a stage: from entering it until leaving it (`to` absent while the case is still there). */
export interface StageBandView {
  stageId: string;
  stageTitle: string;
  round: number;
  from: string;
  to?: string;
  /** How the stage was entered: at the start, after an approved gate, or sent back to it. */
  via: 'start' | 'approval' | 'sendBack';
}

export type TimelineDecisionOutcome =
  'approved' | 'approvedWithConditions' | 'sentBack' | 'paused' | 'resumed' | 'stopped' | 'withdrawn';

export interface TimelineDecisionView {
  seq: number;
  at: string;
  outcome: TimelineDecisionOutcome;
  outcomeName: string;
  stageId: string;
  stageTitle: string;
  toStageId?: string;
  toStageTitle?: string;
  by: string[];
  reason?: string;
  conditions?: string[];
}

export interface TimelineMarkView {
  seq: number;
  at: string;
  kind: 'idea' | 'barrier' | 'reviewRequested' | 'completed';
  stageId?: string;
  /** The barrier category or idea source, in words. */
  category?: string;
  text?: string;
  by?: string;
  /** An idea or a barrier: kept from a Teams message, or typed to the bot (`chat`). */
  recordedVia?: 'message' | 'chat';
  /** Kept from a Teams message: about that message. */
  message?: TimelineMessageView;
}

/** The Teams message an idea or a barrier was kept from. */
export interface TimelineMessageView {
  /** Who wrote it, as the viewer sees people (a name, or "Deltaker 3"); absent for a bot's message. */
  by?: string;
  /** When it was written (ISO 8601 UTC), when Teams said. */
  writtenAt?: string;
  /**
   * A link back to the message in Teams (https://teams.microsoft.com/…), only for the case's own
   * participants: never for a researcher who only reads.
   */
  link?: string;
}

export interface TimelineView {
  /** When the case was opened. */
  start: string;
  /** When it was stopped or completed, or the time of the answer for a case still running. */
  end: string;
  ongoing: boolean;
  bands: StageBandView[];
  decisions: TimelineDecisionView[];
  pauses: { from: string; to?: string; reason: string }[];
  marks: TimelineMarkView[];
  /**
   * When people did anything in the case (documentation included), at most one moment per day: the
   * picture draws long stretches without any of these shorter, and says so.
   */
  activity: string[];
}

export interface DocumentedAnswerView {
  promptId: string;
  prompt: string;
  required: boolean;
  /** Absent while the prompt is unanswered. */
  answer?: { text: string; at: string; by: string; revision: number; round: number };
}

export interface StageDocumentationView {
  stageId: string;
  stageTitle: string;
  /** How many times the stage has been entered; 0 while it lies ahead. */
  rounds: number;
  state: 'ahead' | 'current' | 'passed';
  answers: DocumentedAnswerView[];
  politicalDecision?: { text: string; at: string; by: string };
}

export interface CaseDetailView {
  language: ViewLanguage;
  case: CaseCardView;
  stages: { id: string; title: string }[];
  timeline: TimelineView;
  documentation: StageDocumentationView[];
  /** Formats the viewer may download, when `case.canExport`. */
  exportFormats: { id: string; name: string }[];
  /** Only for the case's owner: who has declined that their contributions are used for research. */
  researchDeclined?: string[];
}

/** Every error the API answers with. */
export interface ApiErrorView {
  error: { code: string; message: { [L in ViewLanguage]: string } };
}
