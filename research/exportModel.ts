/**
 * What every export format is made from: one stream of `ExportItem`s, projected from the stored events
 * of the cases in scope (research/projection.ts). Each format is a function of that stream, so they all
 * say the same thing: the same pseudonyms, the same texts, the same order.
 */
import type { CaseEvent, CaseEventType } from '../engine/events';
import type { Language } from '../engine/localized';
import type { CaseStatus } from '../engine/state';
import type { CaseRole, TemplateRef } from '../engine/template';
import type { VerifyReport } from '../storage/eventLog';
import type { NamesMode, ParticipantEntry } from './pseudonymiser';
import type { DecisionOutcome } from './vocabulary';

export const EXPORT_FORMATS = [
  'json',
  'jsonl',
  'csv-events',
  'csv-answers',
  'csv-cases',
  'csv-anchoring',
  'markdown',
  'qdpx',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * How an idea or a barrier came into the log: kept from a Teams message (the message action), or typed
 * to the bot in the chat.
 */
export type RecordedVia = 'message' | 'chat';
export const RECORDED_VIA: readonly RecordedVia[] = ['message', 'chat'];

/** Everything that identifies one export; the audit records the same. */
export interface ExportMeta {
  exportId: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  format: ExportFormat;
  language: Language;
  names: NamesMode;
  scope: { caseIds: string[]; filter?: Record<string, string> };
  /** The application and version that wrote it. */
  generator: string;
  /** The municipality's time zone (IANA), for times people read; machine-readable times stay UTC. */
  timeZone: string;
}

/** One case of an export, read up to `toSeq`: the head's version when the export started. */
export interface CaseToExport {
  caseId: string;
  toSeq: number;
}

/** A gate decision's documented basis, as it stood, with the texts resolved. */
export interface ResolvedBasis {
  /** The frozen hash (engine `DocumentationBasis.hash`). */
  hash: string;
  answers: {
    promptId: string;
    prompt: string;
    revision: number;
    /** The answer text at that revision; undefined if the log does not hold that revision. */
    text: string | undefined;
  }[];
  politicalDecision?: { revision: number; text: string | undefined };
}

/** Why an event does not check out against the hash chain, in the export's language. */
export interface ChainProblem {
  reason: NonNullable<VerifyReport['firstMismatch']>['reason'];
  /** What is wrong, in words for people (the export's language). */
  detail: string;
}

/** One stored event, projected: pseudonymised, with its texts rendered and its context resolved. */
export interface ProjectedEvent {
  caseId: string;
  caseName: string;
  seq: number;
  at: string;
  type: CaseEventType;
  hash: string;
  prevHash: string;
  /**
   * The delivery id, only with real names: delivery ids are made of activity ids and, for role changes
   * and dashboard decisions, of person ids, so a pseudonymised export never carries them.
   */
  deliveryId?: string;
  /** True when the actor declined research use: their free text in this event is withheld. */
  withheld?: boolean;
  /** Whether this is part of the process (not a memo, a reminder, consent or research access). */
  process: boolean;
  /** The event as stored, with person ids replaced by labels and names in free text replaced. */
  event: CaseEvent;
  /** The acting person's label ("Deltaker 2"), or the system actor's id. */
  actor: string;
  /** The actor's pseudonym number in this export; absent for system actors (the reminder timer). */
  actorNumber?: number;
  /** The actor's roles in the case when the event happened (after it, for an event that assigns one). */
  actorRoles: CaseRole[];
  /** The actor's label with role names: "Deltaker 2 (leder)". */
  actorLabel: string;
  stageId?: string;
  stageTitle?: string;
  round?: number;
  /** The event's main text, rendered: an answer, a reason, an idea, a barrier, a memo. */
  text?: string;
  promptId?: string;
  prompt?: string;
  revision?: number;
  /** The answer's kind (text, choice, …) or `politicalDecision`. */
  answerType?: string;
  outcome?: DecisionOutcome;
  toStageId?: string;
  toStageTitle?: string;
  /** A barrier's category or an idea's source (ids from the template). */
  category?: string;
  categoryLabel?: string;
  /** For an idea or a barrier: kept from a Teams message, or typed to the bot. */
  recordedVia?: RecordedVia;
  /**
   * Kept from a message: who wrote it, as the export names people ("Deltaker 3"); absent when Teams named
   * nobody (a bot's or an app's message).
   */
  writtenBy?: string;
  /** Kept from a message: when it was written (ISO 8601 UTC), when Teams said. */
  writtenAt?: string;
  /** The documentation a gate decision was based on. */
  basis?: ResolvedBasis;
  /**
   * The event that first carried the same basis in this case (the review request, usually): where the
   * documentation was frozen. Equal to `seq` when this event is the first.
   */
  basisFrozenAt?: number;
  /** Idea sources (template ids) the event is about: an idea's source, or the stage-1 "where from" answer. */
  ideaSources?: string[];
  /** For gate passes: the approvers with their roles, "Deltaker 3 (leder)". */
  approvers?: string[];
  /** For a memo: the event it is about (absent: the whole case). */
  aboutSeq?: number;
  /** People named by the event (deciders, approvers, people answers, a role's holder), as labels. */
  people?: string[];
  /** True when this event's hash and link to the previous one check out. */
  chainOk: boolean;
  /** Set when `chainOk` is false: what does not check out. */
  chainProblem?: ChainProblem;
  /** Set for events after the first one that did not check out in this case: that event's number. */
  chainBrokenAt?: number;
}

export interface CaseHeader {
  caseId: string;
  /** How the case is named in every format: the title and the id, so names are unique and readable. */
  caseName: string;
  title: string;
  unit?: string;
  municipality?: string;
  template: TemplateRef;
  templateTitle: string;
  /** The language the group worked in. */
  language: Language;
  openedAt: string;
  openedBy: string;
  derivedFrom?: string;
}

/** One entry of a stage, from entering it to leaving it (passing, being sent back, stopping). */
export interface StageVisit {
  stageId: string;
  stageTitle: string;
  round: number;
  via: 'start' | 'approval' | 'sendBack';
  enteredAt: string;
  leftAt?: string;
  /** How the stage was left; absent while it is current. */
  leftBy?: 'approved' | 'approvedWithConditions' | 'sentBack' | 'stopped';
  /**
   * Days from entering to leaving (or, while current, to the case's last process event), two decimals.
   * Memos, reminders and consent never move it.
   */
  days: number;
  /** Of those, the days the case was paused. */
  pausedDays: number;
}

/** One stage over all its visits: what the case sheet, the qdpx variables and Markdown all report. */
export interface StageFigures {
  stageId: string;
  stageTitle: string;
  /** How many times the stage was entered (1 + loops back into it). */
  rounds: number;
  /** Days in the stage over all rounds. */
  days: number;
  /** Of those, days paused. */
  pausedDays: number;
}

/** A political decision reference as it stands (its latest revision), pseudonymised. */
export interface PoliticalDecisionView {
  stageId: string;
  stageTitle: string;
  revision: number;
  body: string;
  meetingDate: string;
  caseNumber: string;
  decisionText?: string;
  link?: string;
  /** True when the person who recorded it declined research use (decision text and link withheld). */
  withheld?: boolean;
}

/** One line of "what changed between anchoring and re-anchoring". */
export interface ComparisonRow {
  /** `body`, `meetingDate`, `caseNumber`, `decision`, `mandate`, `budget`, or `answer:<promptId>`. */
  aspect: string;
  /** The aspect in words (the prompt, for answers). */
  label: string;
  first: string | undefined;
  second: string | undefined;
  changed: boolean;
}

/**
 * The two political decisions side by side (the first anchoring and the re-anchoring), and every
 * documentation answer given by the time the first was passed that had changed by the second.
 */
export interface AnchoringComparison {
  first: { stageId: string; stageTitle: string; passedAt?: string };
  second: { stageId: string; stageTitle: string; passedAt?: string };
  rows: ComparisonRow[];
  /** The re-anchoring's own account of what changed (its answer, if the template asks for one). */
  changesAnswer?: { prompt: string; text: string };
}

export interface CaseCounts {
  events: number;
  /** Events that are the process (`isProcessEvent`): without memos, reminders and consent. */
  processEvents: number;
  answers: number;
  politicalDecisions: number;
  gateReviews: number;
  approvals: number;
  sendBacks: number;
  pauses: number;
  stops: number;
  ideas: number;
  /** Of the ideas, those kept from a Teams message. */
  ideasFromMessages: number;
  barriers: number;
  /** Of the barriers, those kept from a Teams message. */
  barriersFromMessages: number;
  memos: number;
  reminders: number;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstMismatch?: NonNullable<VerifyReport['firstMismatch']>;
}

export interface CaseSummaryView extends CaseHeader {
  status: CaseStatus;
  currentStageId: string;
  currentStageTitle: string;
  /** Distinct stages entered at least once. */
  stagesReached: number;
  stagesPassed: number;
  /** The case's last process event (memos, reminders and consent do not count). */
  lastActivityAt: string;
  completedAt?: string;
  stoppedAt?: string;
  /** Days from opening to completion or stop, or, while it runs, to its last process event. */
  daysOpen: number;
  /** Of those, days the case was paused. */
  daysPaused: number;
  counts: CaseCounts;
  visits: StageVisit[];
  /** Per stage, in template order, over all rounds (stages never entered are left out). */
  stages: StageFigures[];
  /** The latest reference of each stage that needs a political decision, in template order. */
  politicalDecisions: PoliticalDecisionView[];
  /** The stage-1 answer to "where did the idea come from", as labels. */
  ideaSource?: string;
  /** Absent when the template has fewer than two stages that need a political decision. */
  anchoring?: AnchoringComparison;
  derivedTo: string[];
  /** Who took part, with their roles when the export's reading ended. */
  roles: { participant: string; roles: string[] }[];
  /** How many participants have declined research use (their free text is withheld). */
  researchDeclined: number;
  chain: ChainCheck;
}

export type ExportItem =
  | { kind: 'caseStart'; header: CaseHeader }
  | { kind: 'event'; event: ProjectedEvent }
  | { kind: 'caseEnd'; summary: CaseSummaryView };

/** What a format needs besides the items: the export's identity and, at the end, its participants. */
export interface ExportSession {
  meta: ExportMeta;
  /** Everyone pseudonymised so far; complete once the items are exhausted. */
  participants(): ParticipantEntry[];
  /** Codes and labels of the process templates the export met (for code books and headings). */
  templateLabels(): TemplateLabels[];
  /**
   * Reads what the export must say before its first event (who declined research use, in each case's
   * head). Formats call it before they write their header; calling it again does nothing.
   */
  prepare(): Promise<void>;
  /** The labels of the participants whose free text is withheld (no research consent); after `prepare`. */
  withheldParticipants(): string[];
}

/** What a format needs to know about a template to name codes and columns. */
export interface TemplateLabels {
  template: TemplateRef;
  title: string;
  stages: {
    id: string;
    title: string;
    requiresPoliticalDecision: boolean;
    prompts: { id: string; label: string }[];
  }[];
  barrierCategories: { id: string; label: string }[];
  ideaSources: { id: string; label: string }[];
}
